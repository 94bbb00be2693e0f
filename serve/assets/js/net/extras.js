// The net view's studies of the current point: the loss on a plane around
// it (filter-normalised random directions, or the PCA plane of the path)
// with the path projected; the plateau race from near the XOR origin; the
// hidden-unit symmetries (permute, flip, canonical form).
import { url, fmt3 } from "../state.js";
import { post } from "../api.js";
import { slider, checkbox } from "../controls.js";
import { chart } from "../charts.js";
import { downloadJSON } from "../export.js";

const PLANE = 300;
const fact = n => (n <= 1 ? 1 : n * fact(n - 1));
const COLORS = { gd: "#1f77b4", momentum: "#ff7f0e", nesterov: "#2ca02c", rmsprop: "#d62728", adam: "#9467bd", pgd: "#17becf", newton: "#111", sfn: "#e377c2" };
const RACE = [["gd", { lr: 0.5 }], ["momentum", { lr: 0.05, momentum: 0.9 }], ["rmsprop", { lr: 0.01 }], ["adam", { lr: 0.01 }], ["pgd", { lr: 0.5, radius: 0.5, interval: 100 }],
  ["newton", { lr: 1 }], ["sfn", { lr: 1 }]];
// The racers on by default: the first-order ones (Newton's and saddle-free
// Newton's are for lesson 9's point, from a start of ±0.01: see docs/explorer.md).
const RACE_ON = ["gd", "momentum", "rmsprop", "adam", "pgd"];

export class Extras {
  // ctx: {spec() the net spec, seed(), jump(params, point)}.
  // The plane goes under the pictures (left), the others right.
  constructor(left, parent, root, ctx) {
    this.ctx = ctx; this.root = root;
    this.perf = window.__saddle.net;
    this.perf.plane = [];
    this.raceCount = 0;
    this.planePanel(left);
    this.symmetryPanel(parent);
    this.racePanel(parent);
  }

  setNet(info) {
    this.info = info;
    const hidden = info.sizes.length > 2 ? info.sizes[1] : 0;
    const flips = info.hidden === "tanh" || info.hidden === "sigmoid" || info.hidden === "identity";
    d3.select("#sym-note").text(hidden >= 2 ? `Hidden layer 1 has ${hidden} units: ${hidden}!` + (flips ? `·2^${hidden}` : "") + ` = ${fact(hidden) * (flips ? 2 ** hidden : 1)} equivalent points (permutations${flips ? " and sign flips" : ""}) for each point, all at the same loss.` : "The net needs a hidden layer of ≥ 2 units to permute.");
  }

  setPoint(frame, path) { this.frame = frame; this.path = path; }

  // ---- the loss plane ----
  planePanel(parent) {
    const p = d3.select(parent).append("div").attr("class", "panel").attr("id", "net-plane");
    p.append("h2").text("Loss on a plane through the current point");
    const row = p.append("div").attr("class", "controls");
    const mode = row.append("label").attr("class", "control").attr("data-name", "plane").attr("hidden", url.hidden("plane") ? true : null);
    const modeOut = mode.append("span").text("plane = ").append("output");
    this.mode = mode.append("select").attr("id", "net-plane-mode");
    this.mode.selectAll("option").data(["random", "pca"]).join("option").attr("value", d => d)
      .text(d => (d === "random" ? "random (filter-normalised)" : "PCA of the path"));
    this.mode.property("value", url.get("plane", "random"));
    modeOut.text(this.mode.property("value"));
    this.mode.on("change", () => { modeOut.text(this.mode.property("value")); url.set("plane", this.mode.property("value") === "random" ? null : this.mode.property("value")); });
    this.span = slider(row.node(), { name: "span", label: "span", min: 0.01, max: 10, value: 1, log: true });
    p.append("div").attr("class", "buttons").append("button").attr("id", "net-plane-go").attr("type", "button").text("draw the plane here").on("click", () => this.plane());
    const box = p.append("div").attr("class", "plot").style("width", PLANE + "px").style("height", PLANE + "px");
    this.planeCanvas = box.append("canvas").attr("width", PLANE).attr("height", PLANE).node();
    this.planeSvg = box.append("svg").attr("width", PLANE).attr("height", PLANE).attr("id", "net-plane-svg");
    this.planeNote = p.append("p").attr("class", "note").attr("id", "net-plane-note");
  }

  async plane() {
    if (!this.frame) return;
    const mode = this.mode.property("value");
    const stride = Math.max(1, Math.ceil(this.path.length / 200));
    const path = this.path.filter((_, i) => i % stride === 0 || i === this.path.length - 1).map(f => f.params);
    const req = { net: this.ctx.spec(), params: this.frame.params, path, mode, grid: 41, seed: this.ctx.seed() };
    if (mode === "random") req.span = this.span.value;
    if (this.planeCtl) this.planeCtl.abort();
    const ctl = (this.planeCtl = new AbortController());
    const t0 = performance.now();
    const r = await post("/api/net/plane", req, ctl.signal);
    if (!r) return;
    if (!r.ok) { this.planeNote.text(r.error.error); return; }
    this.drawPlane(r.data);
    requestAnimationFrame(() => {
      this.perf.plane.push(performance.now() - t0);
      this.planeSvg.attr("data-drawn", String(this.perf.plane.length));
    });
  }

  drawPlane(g) {
    const n = g.alpha.length, lo = Math.max(g.min, 1e-12), hi = Math.max(g.max, lo * 1.0001);
    const color = d3.scaleSequentialLog(d3.interpolateViridis).domain([lo, hi]);
    const small = document.createElement("canvas");
    small.width = n; small.height = n;
    const sctx = small.getContext("2d"), img = sctx.createImageData(n, n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
      const v = g.loss[j * n + i];
      const c = d3.rgb(v === null ? "#000" : color(Math.max(v, lo)));
      const k = ((n - 1 - j) * n + i) * 4;
      img.data[k] = c.r; img.data[k + 1] = c.g; img.data[k + 2] = c.b; img.data[k + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    const ctx = this.planeCanvas.getContext("2d");
    ctx.drawImage(small, 0, 0, PLANE, PLANE);
    const sx = d3.scaleLinear().domain([g.alpha[0], g.alpha[n - 1]]).range([0, PLANE]);
    const sy = d3.scaleLinear().domain([g.beta[0], g.beta[n - 1]]).range([PLANE, 0]);
    const path = g.path || [];
    this.planeSvg.selectAll("path").data([path]).join("path").attr("fill", "none").attr("stroke", "#fff").attr("stroke-width", 1.5)
      .attr("d", d3.line().x(q => sx(q[0])).y(q => sy(q[1])));
    const here = g.mode === "pca" ? [0, 0] : [0, 0];
    this.planeSvg.selectAll("circle").data([here]).join("circle").attr("cx", q => sx(q[0])).attr("cy", q => sy(q[1])).attr("r", 4).attr("fill", "#e65100");
    this.planeNote.text(`${g.mode === "pca" ? `PCA plane of the path about its last point (explained ${g.explained.map(v => fmt3(100 * v) + "%").join(", ")})` :
      "two filter-normalised random directions (Li et al. 2018) about the current point"}; loss ${fmt3(g.min)} … ${fmt3(g.max)} (log colour); white: the path, orange: the point.`);
  }

  // ---- symmetry ----
  symmetryPanel(parent) {
    const p = d3.select(parent).append("div").attr("class", "panel").attr("id", "net-symmetry");
    p.append("h2").text("Symmetry: the same function at another point");
    p.append("p").attr("class", "note").attr("id", "sym-note");
    const b = p.append("div").attr("class", "buttons");
    b.append("button").attr("id", "sym-swap").attr("type", "button").text("swap hidden units 0 ↔ 1").on("click", () => this.symmetry({ op: "permute", layer: 1, perm: this.swapPerm() }));
    b.append("button").attr("id", "sym-flip").attr("type", "button").text("flip hidden unit 0").on("click", () => this.symmetry({ op: "flip", layer: 1, unit: 0 }));
    b.append("button").attr("id", "sym-canonical").attr("type", "button").text("go to the canonical member").on("click", () => this.canonical());
    this.symTable = p.append("table").attr("id", "sym-table");
    p.append("h2").text("Interpolation barrier, before and after weight matching");
    p.append("p").attr("class", "note").text("The loss on the straight segment from the current point A to another solution B (by default A with its hidden units swapped; keep a point as B, retrain with another seed, and compare), then to B moved by weight matching (Ainsworth et al. 2023) to its orbit member nearest A.");
    const bb = p.append("div").attr("class", "buttons");
    bb.append("button").attr("id", "bar-keep").attr("type", "button").text("keep this point as B").on("click", () => {
      if (this.frame) { this.keptB = this.frame.params.slice(); d3.select("#bar-note").text("B kept: the point of the current frame."); }
    });
    bb.append("button").attr("id", "bar-go").attr("type", "button").text("barrier A → B").on("click", () => this.barrier());
    this.barChart = chart(p.node(), { title: "loss from A (t = 0) to B (t = 1): orange before matching, blue after", scale: "linear", width: 560, height: 110 });
    p.append("p").attr("class", "note").attr("id", "bar-note");
    p.append("h2").text("Restarts as orbit members");
    p.append("p").attr("class", "note").text("Lesson 6's study: restarts of a 2-3-1 tanh net on XOR (MSE + 10⁻³‖θ‖²), each end point named by its solution (its orbit) and by which of the orbit's 3!·2³ = 48 members it is.");
    const ob = p.append("div").attr("class", "buttons");
    ob.append("button").attr("id", "orbits-go").attr("type", "button").text("run 40 restarts").on("click", () => this.orbits());
    this.orbitSvg = p.append("svg").attr("id", "orbits").attr("width", 560).attr("height", 90);
    p.append("p").attr("class", "note").attr("id", "orbits-note");
  }

  // orbits draws each restart of lesson 6 at (orbit member, solution).
  async orbits() {
    const r = await post("/api/net/orbits", { n: 40 });
    if (!r) return;
    if (!r.ok) { d3.select("#orbits-note").text(r.error.error); return; }
    const d = r.data, w = 560, m = { l: 70, r: 8, t: 6, b: 18 };
    const sols = d3.max(d.restarts, x => x.solution) + 1;
    const h = m.t + m.b + 22 * sols;
    this.orbitSvg.attr("height", h);
    const sx = d3.scaleLinear().domain([0, d.orbit_size - 1]).range([m.l, w - m.r]);
    const sy = k => m.t + 11 + 22 * k;
    const cells = d3.rollups(d.restarts, v => v.length, x => x.solution, x => x.member).flatMap(([c, ms]) => ms.map(([mem, n]) => ({ c, mem, n })));
    this.orbitSvg.selectAll("g.axis").data([0]).join("g").attr("class", "axis").attr("transform", `translate(0,${h - m.b})`)
      .call(d3.axisBottom(sx).ticks(8).tickSizeOuter(0));
    this.orbitSvg.selectAll("text.sol").data(d3.range(sols)).join("text").attr("class", "sol").attr("x", 2).attr("y", k => sy(k) + 4)
      .attr("font-size", 11).text(k => `solution ${k}`);
    this.orbitSvg.selectAll("line.row").data(d3.range(sols)).join("line").attr("class", "row").attr("x1", m.l).attr("x2", w - m.r)
      .attr("y1", sy).attr("y2", sy).attr("stroke", "#eee");
    this.orbitSvg.selectAll("circle").data(cells).join("circle").attr("cx", q => sx(q.mem)).attr("cy", q => sy(q.c))
      .attr("r", q => 3 + 1.5 * Math.sqrt(q.n)).attr("fill", q => d3.schemeTableau10[q.c % 10]).attr("data-member", q => q.mem).attr("data-solution", q => q.c);
    d3.select("#orbits-note").attr("data-solutions", sols).attr("data-distinct", d.raw_distinct)
      .text(`${d.restarts.length} restarts end at ${d.raw_distinct} distinct points but only ${sols} solution(s): ${d.members_hit.map((k, i) => `solution ${i} at ${k} of its ${d.orbit_size} members`).join(", ")}; ` +
        `distinct canonical forms (nn.Canonical) ${d.canonical_distinct}, after weight matching ${d.matched_distinct}. x: the orbit member, dot size: restarts there.`);
  }

  async barrier() {
    if (!this.frame) return;
    const a = this.frame.params;
    let b = this.keptB;
    if (!b) {
      const s = await post("/api/net/symmetry", { net: this.ctx.spec(), params: a, op: "permute", layer: 1, perm: this.swapPerm() });
      if (!s || !s.ok) { d3.select("#bar-note").text(s ? s.error.error : ""); return; }
      b = s.data.params;
    }
    const r = await post("/api/net/barrier", { net: this.ctx.spec(), a, b });
    if (!r) return;
    if (!r.ok) { d3.select("#bar-note").text(r.error.error); return; }
    const d = r.data;
    this.barChart.update([{ name: "before", color: "#e65100", values: d.before.loss }, { name: "after", color: "#1565c0", values: d.after.loss }], d.before.loss.length - 1);
    d3.select("#bar-note").text(`barrier before matching ${fmt3(d.before.barrier)}, after ${fmt3(d.after.barrier)}; matching moved B by ${fmt3(d.moved)}` + (this.keptB ? " (B: the kept point)" : " (B: A with hidden units 0 and 1 swapped)"))
      .attr("data-before", String(d.before.barrier)).attr("data-after", String(d.after.barrier));
  }

  swapPerm() {
    const n = this.info ? this.info.sizes[1] : 2;
    return d3.range(n).map(i => (i === 0 ? 1 : i === 1 ? 0 : i));
  }

  async symmetry(op) {
    if (!this.frame) return;
    const r = await post("/api/net/symmetry", { net: this.ctx.spec(), params: this.frame.params, ...op });
    if (!r) return;
    if (!r.ok) { this.symTable.html("").append("tr").append("td").attr("class", "error").text(r.error.error); return; }
    const s = r.data;
    this.symRows([["", "before", "after"], ["loss", s.before.loss, s.at.loss], ["‖∇L‖", s.before.grad_norm, s.at.grad_norm],
      ["smallest λ", s.before.eigenvalues[0], s.at.eigenvalues[0]], ["canonical member?", s.before.is_canonical ? "yes" : "no", s.at.is_canonical ? "yes" : "no"],
      ["moved ‖Δθ‖", "", s.moved]]);
    d3.select("#net-symmetry").attr("data-before", String(s.before.loss)).attr("data-after", String(s.at.loss)).attr("data-moved", String(s.moved));
    this.ctx.jump(s.params, s.at);
  }

  async canonical() {
    if (!this.frame) return;
    const r = await post("/api/net/point", { net: this.ctx.spec(), params: this.frame.params });
    if (!r || !r.ok || !r.data.canonical) return;
    const q = await post("/api/net/point", { net: this.ctx.spec(), params: r.data.canonical });
    if (!q || !q.ok) return;
    this.symRows([["", "current", "canonical"], ["loss", r.data.loss, q.data.loss], ["canonical member?", r.data.is_canonical ? "yes" : "no", "yes"]]);
    this.ctx.jump(r.data.canonical, q.data);
  }

  symRows(rows) {
    this.symTable.html("");
    for (const row of rows) this.symTable.append("tr").selectAll("td").data(row).join("td").text(v => (typeof v === "number" ? String(Number(v.toPrecision(12))) : v));
  }

  // ---- the plateau race ----
  racePanel(parent) {
    const p = d3.select(parent).append("div").attr("class", "panel").attr("id", "net-race");
    p.append("h2").text("Saddle and plateau: optimizers race from near the origin");
    p.append("p").attr("class", "note").text("Every parameter uniform in ±scale around 0 (seeded): the XOR origin is a degenerate saddle (loss 0.25; Hessian eigenvalues 0 ×8 and 0.1875). Runs that fail end on a plateau — loss near 1/8, 1/6 or 1/4, the gradient shrinking while ‖θ‖ grows. Newton (off by default) is attracted to a stationary point at loss 1/4; saddle-free Newton leaves when the start's negative curvature exceeds its floor δ = 1e-4 (at ± scale 0.01, not at ±0.001).");
    const row = p.append("div").attr("class", "controls").node();
    this.raceScale = slider(row, { name: "race_scale", label: "± scale", min: 1e-6, max: 1, value: 0.001, log: true });
    this.raceSteps = slider(row, { name: "race_steps", label: "steps", min: 100, max: 50000, value: 5000, log: true, int: true });
    const on = url.list("race", RACE_ON);
    this.racers = RACE.map(([name, s]) => ({ name, s, c: checkbox(row, { name: "race_" + name, label: name, checked: on.includes(name),
      onChange: () => url.set("race", this.racers.filter(r => r.c.checked).map(r => r.name).join(",")) }) }));
    p.append("div").attr("class", "buttons").append("button").attr("id", "net-race-go").attr("type", "button").text("race").on("click", () => this.race());
    const charts = p.append("div").attr("class", "charts").node();
    this.raceCharts = [["loss", "loss", "linear"], ["grad_norm", "‖∇L‖", "log"], ["min_eigenvalue", "smallest Hessian eigenvalue", "symlog"]]
      .map(([f, t, sc]) => ({ f, c: chart(charts, { title: t, scale: sc, width: 560, height: 90 }) }));
    this.raceTable = p.append("table").attr("id", "net-race-table");
    p.append("div").attr("class", "buttons").append("button").attr("id", "net-race-json").attr("type", "button").text("race as JSON").on("click", () => this.raceDoc && downloadJSON("saddle-net-race.json", this.raceDoc));
  }

  async race() {
    const methods = this.racers.filter(r => r.c.checked).map(r => ({ name: r.name, ...r.s }));
    const req = { net: this.ctx.spec(), methods, init: "uniform", scale: this.raceScale.value, seed: this.ctx.seed(), steps: this.raceSteps.value, every: Math.max(1, Math.round(this.raceSteps.value / 250)) };
    const r = await post("/api/net/race", req);
    if (!r) return;
    if (!r.ok) { this.raceTable.html("").append("tr").append("td").attr("class", "error").text(r.error.error); return; }
    this.raceDoc = r.data;
    const runs = r.data.runs;
    for (const ch of this.raceCharts) ch.c.update(runs.map(x => ({ name: x.method, color: COLORS[x.method], values: x[ch.f].map(v => (v === null ? NaN : v)) })), d3.max(runs, x => x.loss.length - 1));
    this.raceTable.html("");
    this.raceTable.append("tr").selectAll("th").data(["optimizer", "final loss", "‖∇L‖", "smallest λ", "‖θ‖", "left the plateau?"]).join("th").text(d => d);
    for (const x of runs) {
      const left = x.done.final_loss < 0.249;
      this.raceTable.append("tr").attr("data-method", x.method).attr("data-loss", String(x.done.final_loss)).attr("data-left", left ? "yes" : "no")
        .attr("data-grad", String(x.done.grad_norm)).attr("data-lmin0", String(x.min_eigenvalue[0]))
        .selectAll("td").data([x.method, fmt3(x.done.final_loss), fmt3(x.done.grad_norm), fmt3(x.min_eigenvalue[x.min_eigenvalue.length - 1]), fmt3(Math.hypot(...x.done.params)), left ? "yes" : "no (stalled)"])
        .join("td").style("color", (_, i) => (i === 0 ? COLORS[x.method] : null)).text(d => d);
    }
    d3.select("#net-race").attr("data-done", String(++this.raceCount));
  }
}
