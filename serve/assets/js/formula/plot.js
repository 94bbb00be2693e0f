// The formula view's plot: a heatmap with contour lines (two variables) or
// a curve (one variable), the critical points marked by kind with their
// Hessian eigenvectors, the optimizers' paths with arrows for −∇f and for
// the step taken, and the start. Pan and zoom ask for a new sample.

import { unpack } from "../api.js";
import { isolines } from "./isolines.js";

export const SIZE = 600;
const M = { l: 48, r: 12, t: 12, b: 32 };
const KIND_SYMBOL = { minimum: d3.symbolCircle, maximum: d3.symbolTriangle, saddle: d3.symbolCross, degenerate: d3.symbolSquare };
export const KIND_COLOR = { minimum: "#1565c0", maximum: "#c62828", saddle: "#e65100", degenerate: "#6a1b9a" };
const PALETTE = d3.range(256).map(k => d3.rgb(d3.interpolateViridis(k / 255)));

export class Plot {
  // opts: {onStart(point), onViewport(vp)}; vp is {x: [lo, hi], y: [lo, hi]} (y unused in 1-D).
  constructor(parent, opts) {
    this.opts = opts;
    this.dims = 2;
    const box = d3.select(parent).append("div").attr("class", "plot").attr("id", "plot");
    this.canvas = box.append("canvas").attr("width", SIZE).attr("height", SIZE).node();
    this.svg = box.append("svg").attr("width", SIZE).attr("height", SIZE).attr("id", "plot-svg");
    const defs = this.svg.append("defs");
    for (const [id, color] of [["arrow-grad", "#111"], ["arrow-step", "#111"]]) {
      defs.append("marker").attr("id", id).attr("viewBox", "0 0 10 10").attr("refX", 9).attr("refY", 5)
        .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto-start-reverse")
        .append("path").attr("d", "M0,0L10,5L0,10z").attr("fill", color);
    }
    defs.append("clipPath").attr("id", "plot-clip").append("rect")
      .attr("x", M.l).attr("y", M.t).attr("width", SIZE - M.l - M.r).attr("height", SIZE - M.t - M.b);
    this.gx = this.svg.append("g").attr("class", "axis").attr("transform", `translate(0,${SIZE - M.b})`);
    this.gy = this.svg.append("g").attr("class", "axis").attr("transform", `translate(${M.l},0)`);
    this.xlabel = this.svg.append("text").attr("x", SIZE - M.r).attr("y", SIZE - 4).attr("text-anchor", "end").attr("font-size", 12);
    this.ylabel = this.svg.append("text").attr("x", 4).attr("y", M.t + 10).attr("font-size", 12);
    const clipped = this.svg.append("g").attr("clip-path", "url(#plot-clip)");
    this.layer = clipped.append("g");
    // Contour paths are in tenths of a pixel (see isolines).
    this.gContours = this.layer.append("g").attr("id", "contours").attr("transform", "scale(0.1)")
      .attr("fill", "none").attr("stroke", "#fff").attr("stroke-opacity", 0.55).attr("stroke-width", 8).attr("stroke-linecap", "round");
    this.gCurve = this.layer.append("path").attr("id", "curve").attr("fill", "none").attr("stroke", "#2f6fde").attr("stroke-width", 2);
    this.gEig = this.layer.append("g").attr("id", "eigenvectors");
    this.gCrit = this.layer.append("g").attr("id", "critical");
    this.gPaths = this.layer.append("g").attr("id", "paths");
    this.gArrows = this.layer.append("g").attr("id", "arrows");
    this.gStart = this.layer.append("g").attr("id", "start");
    this.vp = { x: [-2, 2], y: [-2, 2] };
    this.scales();
    this.zoom = d3.zoom().scaleExtent([1e-3, 1e3]).on("zoom", e => this.zoomed(e)).on("end", e => this.zoomEnd(e));
    this.svg.call(this.zoom).on("dblclick.zoom", null);
    this.svg.on("click", e => {
      if (e.defaultPrevented) return;
      const [px, py] = d3.pointer(e);
      this.opts.onStart(this.dims === 1 ? [this.sx.invert(px)] : [this.sx.invert(px), this.sy.invert(py)]);
    });
  }

  scales() {
    this.sx = d3.scaleLinear().domain(this.vp.x).range([M.l, SIZE - M.r]);
    this.sy = d3.scaleLinear().domain(this.vp.y).range([SIZE - M.b, M.t]);
    this.gx.call(d3.axisBottom(this.sx).ticks(8));
    this.gy.call(d3.axisLeft(this.sy).ticks(8));
  }

  setView(vp, dims, names) {
    // Unchanged (a keystroke in the formula): the axes stand. A curve sets
    // its own y range, so 1-D views always redraw.
    const key = JSON.stringify([vp, dims, names]);
    if (dims === 2 && key === this.viewKey) return;
    this.viewKey = key;
    this.vp = { x: vp.x.slice(), y: vp.y.slice() };
    this.dims = dims;
    this.xlabel.text(names[0] || "");
    this.ylabel.text(dims === 2 ? names[1] : "f");
    this.scales();
  }

  zoomed(e) {
    if (this.resetting) return;
    const t = e.transform;
    this.layer.attr("transform", t);
    this.canvas.style.transformOrigin = "0 0";
    this.canvas.style.transform = `translate(${t.x}px,${t.y}px) scale(${t.k})`;
    this.gx.call(d3.axisBottom(t.rescaleX(this.sx)).ticks(8));
    this.gy.call(d3.axisLeft(t.rescaleY(this.sy)).ticks(8));
  }

  zoomEnd(e) {
    if (this.resetting || e.transform.k === 1 && e.transform.x === 0 && e.transform.y === 0) return;
    const t = e.transform;
    const vp = { x: t.rescaleX(this.sx).domain(), y: t.rescaleY(this.sy).domain() };
    this.resetting = true;
    this.svg.call(this.zoom.transform, d3.zoomIdentity);
    this.resetting = false;
    this.layer.attr("transform", null);
    this.canvas.style.transform = "";
    this.opts.onViewport(vp);
  }

  // surface draws a sample (the /api/sample document).
  surface(g) {
    const parts = {}, t0 = performance.now();
    let tp = t0;
    const lap = name => { const now = performance.now(); parts[name] = now - tp; tp = now; };
    this.parts = parts;
    this.grid = g;
    const ctx = this.canvas.getContext("2d");
    ctx.clearRect(0, 0, SIZE, SIZE);
    const vals = unpack(g.values);
    // The colour scale and the contour levels are quantiles of the values:
    // those of every 7th sample (a prime stride, so no grid row or column
    // is favoured) are as good for a picture and 7× cheaper to sort.
    const stride = vals.length > 5000 ? 7 : 1;
    const sorted = vals.filter((v, i) => i % stride === 0 && Number.isFinite(v)).sort(); // typed arrays sort numerically
    lap("sort");
    if (g.ny === 1) return this.curve(g, vals, sorted);
    this.gCurve.attr("d", null);
    const n = g.nx, m = g.ny;
    const breaks = sorted.length ? d3.range(256).map(k => sorted[Math.floor(k * (sorted.length - 1) / 255)]) : [0];
    const off = document.createElement("canvas");
    off.width = n; off.height = m;
    const octx = off.getContext("2d");
    const img = octx.createImageData(n, m);
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < n; i++) {
        const v = vals[j * n + i], o = 4 * ((m - 1 - j) * n + i);
        if (!Number.isFinite(v)) { img.data[o + 3] = 0; continue; }
        const c = PALETTE[Math.min(255, d3.bisectLeft(breaks, v))];
        img.data[o] = c.r; img.data[o + 1] = c.g; img.data[o + 2] = c.b; img.data[o + 3] = 255;
      }
    }
    octx.putImageData(img, 0, 0);
    lap("colours");
    // Pixel centres of the sample: cell i spans half a step either side.
    const dx = (g.hi[0] - g.lo[0]) / (n - 1), dy = (g.hi[1] - g.lo[1]) / (m - 1);
    const x0 = this.sx(g.lo[0] - dx / 2), x1 = this.sx(g.hi[0] + dx / 2);
    const y0 = this.sy(g.hi[1] + dy / 2), y1 = this.sy(g.lo[1] - dy / 2);
    ctx.save();
    ctx.beginPath(); ctx.rect(M.l, M.t, SIZE - M.l - M.r, SIZE - M.t - M.b); ctx.clip();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, x0, y0, x1 - x0, y1 - y0);
    ctx.restore();
    lap("heatmap");
    const levels = [...new Set(d3.range(16).map(k => sorted[Math.floor((k + 0.5) * (sorted.length - 1) / 16)]))];
    // Grid point (i, j) is the sample at column i, row j.
    const ax = (this.sx(g.hi[0]) - this.sx(g.lo[0])) / (n - 1), ay = (this.sy(g.hi[1]) - this.sy(g.lo[1])) / (m - 1);
    const paths = isolines(vals, n, m, levels, this.sx(g.lo[0]), ax, this.sy(g.lo[1]), ay);
    lap("contours");
    const sets = levels.map((value, k) => ({ value, d: paths[k] }));
    this.gContours.selectAll("path").data(sets).join("path").attr("d", s => s.d).attr("data-level", s => s.value);
    this.gContours.attr("data-count", sets.filter(s => s.d).length);
    lap("paths");
  }

  curve(g, vals, sorted) {
    this.gContours.selectAll("path").remove();
    this.gContours.attr("data-count", 0);
    const lo = sorted.length ? sorted[0] : -1;
    const hi = sorted.length ? sorted[sorted.length - 1] : 1;
    const pad = (hi - lo) * 0.08 || 1;
    this.vp.y = [lo - pad, hi + pad];
    this.scales();
    const xs = i => g.lo[0] + i * (g.hi[0] - g.lo[0]) / (g.nx - 1);
    const line = d3.line().defined(v => Number.isFinite(v)).x((_, i) => this.sx(xs(i))).y(v => this.sy(v));
    this.gCurve.attr("d", line(vals)).attr("data-points", vals.length);
  }

  // y returns the screen y of a point of the view (f's value in 1-D).
  px(p, value) { return [this.sx(p[0]), this.dims === 1 ? this.sy(value) : this.sy(p[1])]; }

  critical(points) {
    const len = 40;
    const marks = this.gCrit.selectAll("path").data(points).join("path")
      .attr("class", "crit-mark")
      .attr("d", p => d3.symbol(KIND_SYMBOL[p.kind] || d3.symbolSquare, 130)())
      .attr("transform", p => { const [x, y] = this.px(p.at, p.value); return `translate(${x},${y})` + (p.kind === "saddle" ? " rotate(45)" : ""); })
      .attr("fill", p => KIND_COLOR[p.kind]).attr("stroke", "#fff").attr("stroke-width", 1.2)
      .attr("data-kind", p => p.kind).attr("data-at", p => p.at.join(","));
    marks.selectAll("title").data(p => [p]).join("title").text(p => `${p.kind} at (${p.at.map(v => v.toPrecision(4)).join(", ")})`);
    const eig = this.dims === 2 ? points.flatMap(p => p.eigenvectors.map((v, i) => ({ p, v, l: p.eigenvalues[i] }))) : [];
    this.gEig.selectAll("line").data(eig).join("line")
      .attr("class", "eigvec")
      .each(function (d) {
        const dx = d.v[0], dy = -d.v[1], n = Math.hypot(dx, dy) || 1;
        d.dx = dx / n * len; d.dy = dy / n * len;
      })
      .attr("x1", d => this.sx(d.p.at[0]) - d.dx).attr("y1", d => this.sy(d.p.at[1]) - d.dy)
      .attr("x2", d => this.sx(d.p.at[0]) + d.dx).attr("y2", d => this.sy(d.p.at[1]) + d.dy)
      .attr("stroke", d => (Math.abs(d.l) <= 1e-6 * Math.max(1, ...d.p.eigenvalues.map(Math.abs)) ? KIND_COLOR.degenerate : d.l > 0 ? KIND_COLOR.minimum : KIND_COLOR.maximum))
      .attr("stroke-width", 2.5).attr("stroke-dasharray", d => (d.l < 0 ? "4,3" : null));
  }

  start(p, value, onDrag) {
    const data = p ? [p] : [];
    const self = this;
    const c = this.gStart.selectAll("circle").data(data).join("circle")
      .attr("id", "start-mark").attr("r", 6).attr("fill", "#fff").attr("stroke", "#111").attr("stroke-width", 2)
      .attr("cx", d => this.px(d, value)[0]).attr("cy", d => this.px(d, value)[1]).style("cursor", "move");
    c.call(d3.drag()
      .on("start", e => e.sourceEvent.stopPropagation())
      .on("drag", function (e) { d3.select(this).attr("cx", e.x).attr("cy", self.dims === 1 ? d3.select(this).attr("cy") : e.y); })
      .on("end", e => onDrag(self.dims === 1 ? [self.sx.invert(e.x)] : [self.sx.invert(e.x), self.sy.invert(e.y)])));
  }

  // race draws each method's path up to step t with its arrows.
  race(paths, t) {
    const clamp = v => Math.max(-1e5, Math.min(1e5, v));
    const upto = p => p.path.slice(0, Math.min(t, p.path.length - 1) + 1);
    const line = (p) => d3.line()(upto(p).map((q, k) => this.px(q, p.loss[k]).map(clamp)));
    this.gPaths.selectAll("path").data(paths).join("path").attr("class", "race-path")
      .attr("fill", "none").attr("stroke", p => p.color).attr("stroke-width", 2)
      .attr("data-method", p => p.method).attr("data-points", p => upto(p).length).attr("d", line);
    this.gPaths.selectAll("circle").data(paths).join("circle").attr("r", 4).attr("fill", p => p.color).attr("stroke", "#fff")
      .attr("cx", p => clamp(this.px(upto(p).at(-1), p.loss[upto(p).length - 1])[0]))
      .attr("cy", p => clamp(this.px(upto(p).at(-1), p.loss[upto(p).length - 1])[1]));
    const arrows = [];
    for (const p of paths) {
      const k = upto(p).length - 1, at = this.px(p.path[k], p.loss[k]);
      const g = p.gradient[k], gn = Math.hypot(...g);
      if (gn > 0) {
        const d = this.dims === 1 ? [-g[0] / gn, 0] : [-g[0] / gn, g[1] / gn];
        arrows.push({ kind: "grad", color: p.color, x1: at[0], y1: at[1], x2: at[0] + 36 * d[0], y2: at[1] + 36 * d[1] });
      }
      if (k + 1 < p.path.length) {
        const nx = this.px(p.path[k + 1], p.loss[k + 1]);
        arrows.push({ kind: "step", color: p.color, x1: at[0], y1: at[1], x2: clamp(nx[0]), y2: clamp(nx[1]) });
      }
    }
    this.gArrows.selectAll("line").data(arrows).join("line")
      .attr("class", a => "arrow-" + a.kind).attr("stroke", a => a.color).attr("stroke-width", a => (a.kind === "grad" ? 1.5 : 2.5))
      .attr("stroke-dasharray", a => (a.kind === "grad" ? "3,2" : null)).attr("marker-end", a => `url(#arrow-${a.kind})`)
      .attr("x1", a => a.x1).attr("y1", a => a.y1).attr("x2", a => a.x2).attr("y2", a => a.y2);
  }

  layers() { return [this.canvas, this.svg.node()]; }
}
