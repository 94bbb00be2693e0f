// The net view's restart study: where failed restarts end. Many runs of
// gradient descent from uniform(±scale) starts (/api/net/restarts, one
// optim.Restarts call); a strip of every final loss (log scale) with the
// XOR plateau levels 1/8, 1/6 and 1/4 marked, and the first failures
// followed to 4× the steps: loss, gradient norm and weight norm against
// step. State in the URL: rs_n, rs_scale, rs_steps, rs_lr.
import { fmt3 } from "../state.js";
import { post } from "../api.js";
import { slider } from "../controls.js";
import { chart } from "../charts.js";
import { downloadJSON } from "../export.js";

const W = 560, H = 120, M = { l: 10, r: 10, t: 18, b: 22 };
const LEVEL_NAMES = ["1/8", "1/6", "1/4"];
const FAIL_COLORS = d3.schemeTableau10;

export class Restarts {
  // ctx: {spec() the net spec, seed()}.
  constructor(parent, root, ctx) {
    this.ctx = ctx; this.root = root; this.count = 0;
    const p = d3.select(parent).append("div").attr("class", "panel").attr("id", "net-restarts");
    p.append("h2").text("Where failed restarts end");
    p.append("p").attr("class", "note").text("Gradient descent from many uniform(±scale) starts of the current net (restart r seeded seed + r). " +
      "On XOR (MSE) the failures are plateaus at infinity, not local minima: the loss sits near 1/8 (two patterns stuck at ½), " +
      "1/6 (three patterns share one output) or 1/4 (all four at ½), and as training goes on the gradient shrinks while the weights grow (docs/LITERATURE.md, lesson 7).");
    const row = p.append("div").attr("class", "controls").node();
    this.n = slider(row, { name: "rs_n", label: "restarts", min: 10, max: 200, value: 200, int: true });
    this.scale = slider(row, { name: "rs_scale", label: "± scale", min: 0.1, max: 10, value: 4, log: true });
    this.steps = slider(row, { name: "rs_steps", label: "steps", min: 100, max: 10000, value: 4000, log: true, int: true });
    this.lr = slider(row, { name: "rs_lr", label: "lr (gd)", min: 0.01, max: 10, value: 2, log: true });
    const b = p.append("div").attr("class", "buttons");
    b.append("button").attr("id", "net-restarts-go").attr("type", "button").text("run the restarts").on("click", () => this.run());
    b.append("button").attr("id", "net-restarts-json").attr("type", "button").text("restarts as JSON")
      .on("click", () => this.doc && downloadJSON("saddle-net-restarts.json", this.doc));
    this.svg = p.append("svg").attr("id", "net-restarts-strip").attr("width", W).attr("height", H);
    this.histCaption = p.append("p").attr("class", "note");
    this.hist = p.append("svg").attr("id", "net-restarts-hist").attr("width", W).attr("height", H);
    this.note = p.append("p").attr("class", "note").attr("id", "net-restarts-note").attr("role", "status");
    const charts = p.append("div").attr("class", "charts").node();
    this.charts = [["loss", "failures followed to 4× the steps (x: a point every steps/8): loss", "linear"], ["grad_norm", "‖∇L‖ (shrinking)", "log"], ["weight_norm", "‖θ‖ (growing)", "linear"]]
      .map(([f, t, sc]) => ({ f, c: chart(charts, { title: t, scale: sc, width: W, height: 90 }) }));
  }

  async run() {
    const req = { net: this.ctx.spec(), method: { name: "gd", lr: this.lr.value }, scale: this.scale.value, seed: this.ctx.seed(), n: this.n.value, steps: this.steps.value };
    this.note.text("running…");
    const r = await post("/api/net/restarts", req);
    if (!r) return;
    if (!r.ok) { this.note.text(r.error.error).attr("class", "note warn"); return; }
    this.note.attr("class", "note");
    this.doc = r.data;
    this.strip(r.data);
    this.histogram(r.data);
    this.follow(r.data);
    this.summary(r.data);
    d3.select("#net-restarts").attr("data-done", String(++this.count));
  }

  // strip draws every final loss on a log axis, the plateau levels dashed.
  strip(d) {
    const losses = d.restarts.map(e => e.loss).filter(v => Number.isFinite(v) && v > 0);
    const lo = Math.min(d3.min(losses) || 1e-3, d.success) / 2, hi = Math.max(d3.max(losses) || 0.3, 0.3);
    const x = d3.scaleLog().domain([lo, hi]).range([M.l, W - M.r]);
    this.svg.selectAll("g.axis").data([0]).join("g").attr("class", "axis").attr("transform", `translate(0,${H - M.b})`)
      .call(d3.axisBottom(x).ticks(6, ".0e").tickSizeOuter(0));
    const lines = [{ v: d.success, name: `success < ${fmt3(d.success)}`, color: "#1565c0" }, ...d.plateaus.map((v, i) => ({ v, name: LEVEL_NAMES[i] || fmt3(v), color: "#c62828" }))];
    const g = this.svg.selectAll("g.level").data(lines).join(enter => {
      const e = enter.append("g").attr("class", "level");
      e.append("line"); e.append("text").attr("font-size", 11).attr("text-anchor", "middle");
      return e;
    }).attr("data-level", l => l.v);
    g.select("line").attr("x1", l => x(l.v)).attr("x2", l => x(l.v)).attr("y1", M.t).attr("y2", H - M.b)
      .attr("stroke", l => l.color).attr("stroke-dasharray", "4,3");
    // Labels alternate above and below: 1/8 and 1/6 lie close on a log axis.
    g.select("text").attr("x", l => x(l.v)).attr("y", (_, i) => (i % 2 ? M.t - 4 : H - M.b - 4)).attr("fill", l => l.color).text(l => l.name);
    // Deterministic jitter: restart k at a height from its index.
    const y = k => M.t + 6 + ((k * 0.618034) % 1) * (H - M.t - M.b - 12);
    this.svg.selectAll("circle").data(d.restarts.map((e, k) => ({ ...e, k })).filter(e => Number.isFinite(e.loss) && e.loss > 0)).join("circle")
      .attr("cx", e => x(e.loss)).attr("cy", e => y(e.k)).attr("r", 3).attr("fill-opacity", 0.7)
      .attr("fill", e => (e.success ? "#1565c0" : e.plateau >= 0 ? "#e65100" : "#555"))
      .attr("data-loss", e => e.loss).attr("data-success", e => String(e.success));
  }

  // histogram counts the failures' final losses on a linear axis around
  // the plateau levels, where the log strip crowds them.
  histogram(d) {
    const fails = d.restarts.filter(e => !e.success && Number.isFinite(e.loss)).map(e => e.loss);
    const ext = d3.extent([...fails, ...d.plateaus]);
    const pad = ext[0] === undefined ? 0 : Math.max(0.01, 0.1 * (ext[1] - ext[0]));
    const x = d3.scaleLinear().domain(ext[0] === undefined ? [0, 1] : [ext[0] - pad, ext[1] + pad]).range([M.l + 24, W - M.r]);
    const bins = d3.bin().domain(x.domain()).thresholds(x.ticks(80))(fails);
    const y = d3.scaleLinear().domain([0, d3.max(bins, b => b.length) || 1]).range([H - M.b, M.t]).nice();
    this.hist.selectAll("g.x").data([0]).join("g").attr("class", "axis x").attr("transform", `translate(0,${H - M.b})`)
      .call(d3.axisBottom(x).ticks(8).tickSizeOuter(0));
    this.hist.selectAll("g.y").data([0]).join("g").attr("class", "axis y").attr("transform", `translate(${M.l + 24},0)`)
      .call(d3.axisLeft(y).ticks(3).tickSizeOuter(0));
    this.hist.selectAll("rect").data(bins).join("rect").attr("x", b => x(b.x0) + 0.5).attr("width", b => Math.max(1, x(b.x1) - x(b.x0) - 1))
      .attr("y", b => y(b.length)).attr("height", b => y(0) - y(b.length)).attr("fill", "#e65100");
    const g = this.hist.selectAll("g.level").data(d.plateaus.map((v, i) => ({ v, name: LEVEL_NAMES[i] || fmt3(v) }))).join(enter => {
      const e = enter.append("g").attr("class", "level");
      e.append("line"); e.append("text").attr("font-size", 11).attr("text-anchor", "middle");
      return e;
    });
    g.select("line").attr("x1", l => x(l.v)).attr("x2", l => x(l.v)).attr("y1", M.t).attr("y2", H - M.b).attr("stroke", "#c62828").attr("stroke-dasharray", "4,3");
    g.select("text").attr("x", l => x(l.v)).attr("y", M.t - 4).attr("fill", "#c62828").text(l => l.name);
    this.histCaption.text(`Above: every restart's final loss (log axis). Below: the ${fails.length} failures' final losses counted on a linear axis; dashed: the plateau levels.`);
  }

  // follow draws the followed failures against step.
  follow(d) {
    for (const ch of this.charts) {
      const series = d.failures.map((f, i) => ({ name: "restart " + f.restart, color: FAIL_COLORS[i % 10], values: f[ch.f] }));
      ch.c.update(series, d3.max(series, s => s.values.length - 1) || 0);
    }
  }

  summary(d) {
    const fails = d.restarts.filter(e => !e.success);
    const at = d.plateaus.map((_, i) => fails.filter(e => e.plateau === i).length);
    const other = fails.length - d3.sum(at);
    const f = d.failures;
    const end = p => p.loss.length - 1;
    const grow = f.filter(p => p.weight_norm[end(p)] > p.weight_norm[8] && p.grad_norm[end(p)] < p.grad_norm[8]).length;
    // A run on the 1/6 plateau can still leave it (its gradient grows again as its loss falls).
    const leave = f.filter(p => p.grad_norm[end(p)] > p.grad_norm[8] && p.loss[end(p)] < p.loss[8]).length;
    this.note.attr("data-failures", fails.length).attr("data-at-plateau", String(d3.sum(at))).attr("data-losses", JSON.stringify(fails.map(e => e.loss)))
      .text(`${d.successes} of ${d.restarts.length} restarts reach loss < ${fmt3(d.success)} in ${d.steps} steps (blue); ${fails.length} fail` +
        (d.plateaus.length ? ` (orange): ${at.map((n, i) => `${n} near ${LEVEL_NAMES[i]}`).join(", ")}, ${other} elsewhere (grey).` : " (no known plateau levels for this net: they are marked for XOR with MSE).") +
        (f.length ? ` Of the ${f.length} failures followed from step ${d.steps} to ${4 * d.steps}, ${grow} have the gradient norm shrinking and the weight norm growing` +
          (leave ? `; ${leave} leave their plateau later (gradient growing again, loss falling)` : "") + "." : ""));
    this.note.attr("data-followed", f.length).attr("data-creeping", grow).attr("data-leaving", leave);
  }
}
