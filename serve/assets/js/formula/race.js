// The race panel: which optimizers run from the start, each with its own
// controls; play, pause, step, reset; charts of loss, gradient norm and
// smallest Hessian eigenvalue against step; a table of where each is; and
// exports of the run (JSON) and the paths (CSV).
import { url, fmt3 } from "../state.js";
import { slider, number, checkbox } from "../controls.js";
import { chart } from "../charts.js";
import { downloadJSON, downloadCSV } from "../export.js";

const COLORS = { gd: "#1f77b4", momentum: "#ff7f0e", nesterov: "#2ca02c", rmsprop: "#d62728", adam: "#9467bd", newton: "#111111", sfn: "#e377c2", pgd: "#17becf" };
const TITLES = { gd: "gradient descent", momentum: "momentum", nesterov: "Nesterov", rmsprop: "RMSprop", adam: "Adam", newton: "Newton", sfn: "saddle-free Newton", pgd: "perturbed GD" };
export const METHODS = Object.keys(TITLES);
const DEFAULT_LR = { gd: 0.1, momentum: 0.1, nesterov: 0.1, rmsprop: 0.01, adam: 0.05, newton: 1, sfn: 1, pgd: 0.1 };
// Extra settings per method: [url suffix, JSON field, label, min, max, default, log, int].
const EXTRA = {
  momentum: [["mu", "momentum", "μ", 0, 0.99, 0.9]],
  nesterov: [["mu", "momentum", "μ", 0, 0.99, 0.9]],
  rmsprop: [["rho", "rho", "ρ", 0.5, 0.999, 0.9]],
  adam: [["b1", "beta1", "β₁", 0, 0.99, 0.9], ["b2", "beta2", "β₂", 0.9, 0.9999, 0.999]],
  newton: [["damping", "damping", "δ", 0, 10, 0]],
  sfn: [["damping", "damping", "δ", 1e-6, 10, 1e-4, true]],
  pgd: [["radius", "radius", "radius", 1e-4, 1, 1e-2, true], ["thr", "threshold", "|∇f| threshold", 1e-6, 1, 1e-3, true], ["every", "interval", "interval", 1, 500, 50, false, true]],
};

export class Race {
  // opts: {onChange()} is called when a setting changes the run; draw(paths, t) redraws the plot.
  constructor(parent, opts) {
    this.opts = opts;
    this.paths = [];
    this.t = 0;
    this.playing = false;
    const panel = d3.select(parent).append("div").attr("class", "panel").attr("id", "race");
    panel.append("h2").text("Optimizer race");
    panel.append("p").attr("class", "note").attr("id", "race-note").text("Click the plot to set a start (drag the start to move it).");
    const top = panel.append("div").attr("class", "controls").node();
    this.steps = slider(top, { name: "steps", label: "steps", min: 10, max: 2000, value: 200, log: true, int: true, onChange: () => opts.onChange() });
    this.speed = slider(top, { name: "speed", label: "steps/s", min: 1, max: 240, value: 30, log: true, int: true });
    this.seed = number(top, { name: "seed", label: "seed", value: 1, min: 0, int: true, onChange: () => opts.onChange() });
    const buttons = panel.append("div").attr("class", "buttons");
    for (const [id, text, fn] of [["play", "play", () => this.play()], ["pause", "pause", () => this.pause()], ["step", "step", () => this.stepOnce()],
      ["reset", "reset", () => this.reset()], ["end", "to end", () => this.toEnd()]]) {
      buttons.append("button").attr("id", "btn-" + id).attr("type", "button").text(text).on("click", fn);
    }
    this.stepLabel = panel.append("p").attr("class", "note").attr("id", "race-step");
    const enabled = url.list("opt", METHODS);
    const grid = panel.append("div").attr("class", "methods");
    this.methods = METHODS.map(name => {
      const box = grid.append("div").attr("class", "method").attr("data-method", name).node();
      const on = checkbox(box, { name: name, label: TITLES[name], checked: enabled.includes(name),
        onChange: () => { url.set("opt", this.enabled().join(",")); opts.onChange(); } });
      d3.select(on.el).insert("span", ":first-child").attr("class", "swatch").style("background", COLORS[name]);
      const row = d3.select(box).append("div").attr("class", "controls").node();
      const lr = slider(row, { name: name + "_lr", label: "lr", min: 1e-4, max: 10, value: DEFAULT_LR[name], log: true, onChange: () => opts.onChange() });
      const extra = (EXTRA[name] || []).map(([suffix, field, label, min, max, def, log, int]) =>
        ({ field, c: slider(row, { name: `${name}_${suffix}`, label, min, max, value: def, log, int, onChange: () => opts.onChange() }) }));
      return { name, on, lr, extra };
    });
    const charts = panel.append("div").attr("class", "charts").node();
    this.charts = [
      ["loss", "loss", "symlog"], ["gradient_norm", "‖∇f‖", "log"], ["min_eigenvalue", "smallest Hessian eigenvalue", "symlog"],
    ].map(([field, title, scale]) => ({ field, c: chart(charts, { title, scale, width: 560 }) }));
    this.table = panel.append("table").attr("id", "race-table");
    const ex = panel.append("div").attr("class", "buttons");
    ex.append("button").attr("id", "export-json").attr("type", "button").text("run as JSON").on("click", () => this.exportJSON());
    ex.append("button").attr("id", "export-csv").attr("type", "button").text("paths as CSV").on("click", () => this.exportCSV());
    this.root = panel.node();
    this.mark();
  }

  enabled() { return this.methods.filter(m => m.on.checked).map(m => m.name); }

  // request returns the methods and settings of a /api/race request.
  request() {
    return {
      steps: this.steps.value, seed: this.seed.value,
      methods: this.methods.filter(m => m.on.checked).map(m => {
        const o = { name: m.name, lr: m.lr.value };
        for (const e of m.extra) o[e.field] = e.c.value;
        return o;
      }),
    };
  }

  // set shows a new race (the /api/race document); autoplay starts it.
  set(doc, autoplay) {
    this.doc = doc;
    this.paths = doc ? doc.methods.map(p => ({ ...p, color: COLORS[p.method] })) : [];
    if (autoplay) { this.t = 0; this.play(); } else { this.t = Math.min(this.t, this.maxT()); this.draw(); }
  }

  maxT() { return d3.max(this.paths, p => p.path.length - 1) || 0; }

  play() {
    if (!this.paths.length) return;
    if (this.t >= this.maxT()) this.t = 0;
    this.playing = true;
    let last = performance.now(), acc = 0;
    const tick = now => {
      if (!this.playing) return;
      acc += (now - last) * this.speed.value / 1000; last = now;
      const k = Math.floor(acc);
      if (k > 0) { acc -= k; this.t = Math.min(this.maxT(), this.t + k); this.draw(); }
      if (this.t >= this.maxT()) { this.playing = false; this.draw(); return; }
      requestAnimationFrame(tick);
    };
    this.draw();
    requestAnimationFrame(tick);
  }

  pause() { this.playing = false; this.draw(); }
  stepOnce() { this.playing = false; this.t = Math.min(this.maxT(), this.t + 1); this.draw(); }
  reset() { this.playing = false; this.t = 0; this.draw(); }
  toEnd() { this.playing = false; this.t = this.maxT(); this.draw(); }

  mark() {
    this.root.dataset.play = this.playing ? "playing" : "paused";
    this.root.dataset.step = this.t;
    this.root.dataset.max = this.maxT();
  }

  draw() {
    const t = this.t;
    this.opts.draw(this.paths, t);
    this.stepLabel.text(`step ${t} of ${this.maxT()}` + (this.playing ? " (playing)" : ""));
    for (const ch of this.charts) ch.c.update(this.paths.map(p => ({ name: p.method, color: p.color, values: p[ch.field].map(v => (v === null ? NaN : v)) })), t);
    const rows = this.paths.map(p => {
      const k = Math.min(t, p.path.length - 1);
      return { p, k, at: p.path[k], loss: p.loss[k], g: p.gradient_norm[k], l: p.min_eigenvalue[k] };
    });
    this.table.selectAll("thead").data([0]).join("thead").selectAll("tr").data([0]).join("tr").selectAll("th")
      .data(["optimizer", "step", "point", "loss", "‖∇f‖", "λmin", "stop"]).join("th").text(d => d);
    this.table.selectAll("tbody").data([0]).join("tbody").selectAll("tr").data(rows).join("tr")
      .attr("data-method", r => r.p.method).attr("data-at", r => r.at.join(",")).attr("data-loss", r => r.loss)
      .selectAll("td").data(r => [TITLES[r.p.method], r.k, "(" + r.at.map(fmt3).join(", ") + ")", fmt3(r.loss), fmt3(r.g), fmt3(r.l),
        r.p.stop === "diverged" && r.k === r.p.path.length - 1 ? "diverged" : ""])
      .join("td").text(d => d);
    this.mark();
  }

  exportJSON() { if (this.doc) downloadJSON("saddle-race.json", this.doc); }

  exportCSV() {
    const rows = [];
    for (const p of this.paths) {
      p.path.forEach((x, k) => rows.push([p.method, k, ...x, p.loss[k], p.gradient_norm[k], p.min_eigenvalue[k]]));
    }
    const vars = this.doc ? this.doc.vars : ["x"];
    downloadCSV("saddle-paths.csv", ["method", "step", ...vars, "loss", "gradient_norm", "min_eigenvalue"], rows);
  }
}
