// The net view's pictures: the net's output as a heatmap over the input
// plane with the data points, a diagram of the net with its weights, and
// the Hessian spectrum.
import { fmt3 } from "../state.js";

export const HEAT = 360;
const CLASS = d3.schemeTableau10;

// Heatmap: a canvas of the output grid (rows of y, bottom up) under an
// SVG of the data points.
export class Heatmap {
  constructor(parent) {
    const box = d3.select(parent).append("div").attr("class", "plot").attr("id", "net-heat").style("width", HEAT + "px").style("height", HEAT + "px");
    this.canvas = box.append("canvas").attr("width", HEAT).attr("height", HEAT).node();
    this.svg = box.append("svg").attr("width", HEAT).attr("height", HEAT).attr("id", "net-heat-svg");
    this.small = document.createElement("canvas");
  }

  // data: the info of the run (box, grid, x, y, in, out).
  setInfo(info) {
    this.info = info;
    const b = info.box || [0, 1, 0, 1];
    this.sx = d3.scaleLinear().domain([b[0], b[1]]).range([0, HEAT]);
    this.sy = d3.scaleLinear().domain([b[2], b[3]]).range([HEAT, 0]);
    const pts = [];
    if (info.in === 2) for (let i = 0; i < info.x.length / 2; i++) pts.push({ x: info.x[2 * i], y: info.x[2 * i + 1], c: target(info, i) });
    this.svg.selectAll("circle").data(pts).join("circle").attr("cx", p => this.sx(p.x)).attr("cy", p => this.sy(p.y))
      .attr("r", pts.length > 200 ? 2.5 : 6).attr("stroke", "#fff").attr("stroke-width", 1.2)
      .attr("fill", p => (info.out === 1 ? (p.c > 0.5 ? "#b2182b" : "#2166ac") : CLASS[p.c % 10]));
  }

  draw(frame) {
    const info = this.info, ctx = this.canvas.getContext("2d");
    if (!info || !info.box || !frame.output) { ctx.clearRect(0, 0, HEAT, HEAT); return; }
    const n = info.grid;
    this.small.width = n; this.small.height = n;
    const sctx = this.small.getContext("2d");
    const img = sctx.createImageData(n, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const v = frame.output[j * n + i];
        const c = d3.rgb(info.out === 1 ? d3.interpolateRdBu(1 - clamp01(v)) : CLASS[v % 10]);
        const k = ((n - 1 - j) * n + i) * 4;
        img.data[k] = c.r; img.data[k + 1] = c.g; img.data[k + 2] = c.b; img.data[k + 3] = info.out === 1 ? 255 : 110;
      }
    }
    sctx.putImageData(img, 0, 0);
    ctx.clearRect(0, 0, HEAT, HEAT);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.small, 0, 0, HEAT, HEAT);
  }

  // clear empties the picture (no run to show).
  clear() {
    this.canvas.getContext("2d").clearRect(0, 0, HEAT, HEAT);
    this.svg.selectAll("circle").remove();
    this.info = null;
  }
}

function clamp01(v) { return v < 0 ? 0 : v > 1 ? 1 : v; }
function target(info, i) {
  if (info.out === 1) return info.y[i];
  let best = 0;
  for (let c = 0; c < info.out; c++) if (info.y[i * info.out + c] > info.y[i * info.out + best]) best = c;
  return best;
}

// layers returns, for each layer l ≥ 1, the offsets of its weights W[o][i]
// (out×in, row-major) and biases b[o] in the flat vector (package nn's layout).
export function layout(sizes) {
  const out = [];
  let off = 0;
  for (let l = 1; l < sizes.length; l++) {
    const nin = sizes[l - 1], nout = sizes[l];
    out.push({ l, nin, nout, w: off, b: off + nin * nout });
    off += nin * nout + nout;
  }
  return out;
}

// Diagram: the net's units in columns, an edge per weight (width ∝ |w|,
// red positive, blue negative) and each unit's bias as its ring.
export class Diagram {
  constructor(parent, w = 360, h = 240) {
    this.w = w; this.h = h;
    this.svg = d3.select(parent).append("svg").attr("id", "net-diagram").attr("width", w).attr("height", h);
    this.gEdges = this.svg.append("g");
    this.gNodes = this.svg.append("g");
  }

  setInfo(info) {
    this.sizes = info.sizes;
    this.lay = layout(info.sizes);
    const L = info.sizes.length, pad = 30;
    const maxShown = 12;
    this.pos = info.sizes.map((n, l) => {
      const m = Math.min(n, maxShown);
      return d3.range(m).map(k => ({ x: pad + (this.w - 2 * pad) * l / (L - 1), y: this.h / 2 + (k - (m - 1) / 2) * Math.min(40, (this.h - 2 * pad) / Math.max(1, m - 1)) }));
    });
    const edges = [];
    for (const ly of this.lay) {
      for (let o = 0; o < Math.min(ly.nout, maxShown); o++) for (let i = 0; i < Math.min(ly.nin, maxShown); i++) {
        edges.push({ idx: ly.w + o * ly.nin + i, a: this.pos[ly.l - 1][i], b: this.pos[ly.l][o], name: `W${ly.l}[${o}][${i}]` });
      }
    }
    this.edges = edges;
    const nodes = [];
    info.sizes.forEach((n, l) => this.pos[l].forEach((p, k) => nodes.push({ ...p, bias: l > 0 ? this.lay[l - 1].b + k : -1, name: l > 0 ? `b${l}[${k}]` : `x${k}` })));
    this.nodes = nodes;
    this.gEdges.selectAll("g").data(edges).join(enter => {
      const g = enter.append("g").attr("class", "edge");
      g.append("line");
      g.append("text").attr("font-size", 9).attr("text-anchor", "middle");
      return g;
    }).attr("data-name", e => e.name);
    this.gNodes.selectAll("circle").data(nodes).join("circle").attr("cx", p => p.x).attr("cy", p => p.y).attr("r", 9)
      .attr("fill", "#fff").attr("data-name", p => p.name);
  }

  // clear empties the diagram (no run to show).
  clear() {
    this.gEdges.selectAll("g").remove();
    this.gNodes.selectAll("circle").remove();
    this.edges = null;
  }

  draw(params) {
    if (!this.edges || !params) return;
    const few = this.edges.length <= 12;
    const sel = this.gEdges.selectAll("g").data(this.edges);
    sel.select("line").attr("x1", e => e.a.x).attr("y1", e => e.a.y).attr("x2", e => e.b.x).attr("y2", e => e.b.y)
      .attr("stroke", e => (params[e.idx] >= 0 ? "#b2182b" : "#2166ac")).attr("stroke-width", e => Math.min(8, 0.5 + 1.2 * Math.abs(params[e.idx])))
      .attr("stroke-opacity", 0.75);
    sel.select("text").attr("x", e => e.a.x + 0.3 * (e.b.x - e.a.x)).attr("y", e => e.a.y + 0.3 * (e.b.y - e.a.y) - 3)
      .text(e => (few ? fmt3(params[e.idx]) : ""));
    this.gNodes.selectAll("circle").data(this.nodes).attr("stroke", p => (p.bias < 0 ? "#555" : params[p.bias] >= 0 ? "#b2182b" : "#2166ac"))
      .attr("stroke-width", p => (p.bias < 0 ? 1.5 : Math.min(6, 1 + Math.abs(params[p.bias]))))
      .attr("data-value", p => (p.bias < 0 ? null : params[p.bias]));
  }
}

// Spectrum: the Hessian's eigenvalues as bars (symlog scale), zero marked.
export class Spectrum {
  constructor(parent, w = 360, h = 130) {
    this.w = w; this.h = h;
    this.svg = d3.select(parent).append("svg").attr("id", "net-spectrum").attr("width", w).attr("height", h);
    this.gy = this.svg.append("g").attr("class", "axis").attr("transform", "translate(44,0)");
    this.bars = this.svg.append("g");
    this.zero = this.svg.append("line").attr("stroke", "#999");
    this.msg = this.svg.append("text").attr("x", w / 2).attr("y", h / 2).attr("text-anchor", "middle").attr("class", "warn").attr("id", "net-spectrum-msg");
  }

  // message writes text across the chart (why it is empty); "" clears it.
  message(text) { this.msg.text(text); }

  draw(vals) {
    vals = vals || [];
    const m = { l: 44, r: 6, t: 8, b: 8 };
    const ext = d3.extent([0, ...vals]);
    const y = d3.scaleSymlog().constant(1e-4).domain(ext[0] === ext[1] ? [-1, 1] : ext).range([this.h - m.b, m.t]).nice();
    this.gy.call(d3.axisLeft(y).tickValues(d3.extent([0, ...vals]).concat(0)).tickFormat(d3.format(".3~g")));
    const bw = (this.w - m.l - m.r) / Math.max(1, vals.length);
    this.bars.selectAll("rect").data(vals).join("rect").attr("x", (_, i) => m.l + i * bw + 1).attr("width", Math.max(1, bw - 2))
      .attr("y", v => Math.min(y(v), y(0))).attr("height", v => Math.max(1, Math.abs(y(v) - y(0))))
      .attr("fill", v => (v < -1e-9 ? "#e65100" : v > 1e-9 ? "#1565c0" : "#6a1b9a"));
    this.zero.attr("x1", m.l).attr("x2", this.w - m.r).attr("y1", y(0)).attr("y2", y(0));
    this.svg.attr("data-eigenvalues", vals.join(","));
  }
}
