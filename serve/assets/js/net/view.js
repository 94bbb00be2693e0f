// The net view: train a small net live (XOR 2-2-1 first) and watch its
// loss, its output over the input plane, its weights and its Hessian
// spectrum; then look at the loss plane around it, race optimizers off the
// XOR plateau, see where failed restarts end and move the point along its
// symmetry orbit. State in the URL: preset, act, loss, hidden, csv (a
// picked CSV, compressed: csvlink.js) and csv_name, opt, lr, mu, init,
// scale, seed, steps, fps (frames per second of playback), at=end (show the
// last frame once trained), plane, span, race, race_scale, race_steps, and
// the restart study's rs_n, rs_scale, rs_steps, rs_lr and rs=run (run it
// as the page opens).
import { url, fmt3 } from "../state.js";
import { slider, number } from "../controls.js";
import { chart } from "../charts.js";
import { downloadJSON, downloadCSV, download, pngOf } from "../export.js";
import { trainStream } from "./stream.js";
import { Heatmap, Diagram, Spectrum, HEAT } from "./draw.js";
import { Extras } from "./extras.js";
import { Restarts } from "./restarts.js";
import { CSV_LINK_MAX, encodeCSV, decodeCSV } from "./csvlink.js";

export const title = "Net";

const PRESETS = ["xor", "and", "or", "circles", "moons", "spirals", "blobs", "w4b", "linreg"];
const ACTS = ["", "sigmoid", "tanh", "relu", "softplus", "identity"];
const LOSSES = ["", "mse", "bce", "logistic", "softmax"];
export const OPTS = ["gd", "momentum", "nesterov", "rmsprop", "adam", "pgd", "newton", "sfn"];
// The default learning rates of `saddle train` (so that the page's default
// run is the CLI's: saddle train --net xor).
export const CLI_LR = { gd: 0.5, momentum: 0.05, nesterov: 0.05, rmsprop: 0.01, adam: 0.01, newton: 1, sfn: 1, pgd: 0.5 };
const INITS = ["preset", "formula", "uniform", "xavier", "he", "origin"];

function select(parent, name, label, options, def, onChange) {
  const el = d3.select(parent).append("label").attr("class", "control").attr("data-name", name);
  el.attr("hidden", url.hidden(name) ? true : null);
  const cap = el.append("span").text(label + " = ");
  const out = cap.append("output");
  const sel = el.append("select").attr("id", "net-" + name);
  sel.selectAll("option").data(options).join("option").attr("value", d => d).text(d => d || "preset's");
  let value = url.get(name, def);
  if (!options.includes(value)) value = def;
  sel.property("value", value);
  const show = () => { out.text(value || "preset's"); el.attr("data-value", value); };
  show();
  sel.on("change", () => { value = sel.property("value"); show(); url.set(name, value === def ? null : value); onChange(value); });
  return { get value() { return value; }, set(v) { value = v; sel.property("value", v); show(); url.set(name, v === def ? null : v); } };
}

// NetView holds the view's controls, pictures and the run being played.
class NetView {
  constructor(root) {
    this.root = root;
    this.perf = window.__saddle = window.__saddle || {};
    this.perf.net = { draws: [], drawMs: [], pauses: [] };
    this.state = { frames: [], t: 0, playing: false, info: null, done: null, csv: null, stream: null, request: null, seq: 0 };
    this.planeTimer = 0;
    this.rafPos = 0;
    root.dataset.view = "net";
    const left = d3.select(root).append("div").attr("class", "col");
    const right = d3.select(root).append("div").attr("class", "col");
    this.controlsPanel(left);
    this.picturesPanel(left);
    this.trainingPanel(right);
    const ctx = { spec: () => this.netSpec(), seed: () => this.seed.value };
    this.extras = new Extras(left.node(), right.node(), root, { ...ctx, jump: (params, pt) => this.jump(params, pt) });
    this.restarts = new Restarts(right.node(), root, ctx);
    this.perf.net.href = () => url.href();
  }

  // ---- panels ----
  controlsPanel(left) {
    const cpanel = left.append("div").attr("class", "panel").attr("id", "net-controls");
    cpanel.append("h2").text("Net, data and optimizer");
    const row1 = cpanel.append("div").attr("class", "controls").node();
    const restart = () => this.start(false);
    this.preset = select(row1, "preset", "preset", PRESETS, "xor", () => { this.setCSV(null); restart(); });
    this.act = select(row1, "act", "hidden activation", ACTS, "", restart);
    this.loss = select(row1, "loss", "loss", LOSSES, "", restart);
    this.hiddenControl(row1, restart);
    this.csvControl(row1, cpanel);
    const row2 = cpanel.append("div").attr("class", "controls").node();
    this.opt = select(row2, "opt", "optimizer", OPTS, "gd", () => { this.lr.set(CLI_LR[this.opt.value]); restart(); });
    this.lr = slider(row2, { name: "lr", label: "lr", min: 1e-4, max: 10, value: CLI_LR[url.get("opt", "gd")] || 0.5, log: true, onChange: restart });
    this.mu = slider(row2, { name: "mu", label: "μ (momentum)", min: 0, max: 0.99, value: 0.9, onChange: restart });
    this.init = select(row2, "init", "init", INITS, "preset", restart);
    this.scale = slider(row2, { name: "scale", label: "init scale", min: 1e-4, max: 10, value: 1, log: true, onChange: restart });
    this.seed = number(row2, { name: "seed", label: "seed", value: 1, min: 0, int: true, onChange: restart });
    this.steps = slider(row2, { name: "steps", label: "steps", min: 10, max: 100000, value: 10000, log: true, int: true, onChange: restart });
    this.fps = slider(row2, { name: "fps", label: "frames/s", min: 1, max: 240, value: 60, log: true, int: true });
    const buttons = cpanel.append("div").attr("class", "buttons");
    for (const [id, text, fn] of [["play", "play", () => this.play()], ["pause", "pause", e => this.pause(e)], ["step", "step", () => this.stepOnce()],
      ["reset", "reset", () => this.reset()], ["end", "to end", () => this.toEnd()]]) {
      buttons.append("button").attr("id", "net-" + id).attr("type", "button").text(text).on("click", fn);
    }
    this.status = cpanel.append("p").attr("class", "note").attr("id", "net-status");
    this.errLine = cpanel.append("pre").attr("class", "error").attr("id", "net-error").attr("role", "alert");
  }

  hiddenControl(row, restart) {
    const box = d3.select(row).append("label").attr("class", "control").attr("data-name", "hidden").attr("hidden", url.hidden("hidden") ? true : null);
    const out = box.append("span").text("hidden units = ").append("output");
    const input = (this.hiddenIn = box.append("input").attr("id", "net-hidden").attr("placeholder", "preset's, e.g. 4,4").node());
    input.value = url.get("hidden", "");
    out.text(input.value || "preset's");
    input.addEventListener("change", () => { out.text(input.value || "preset's"); url.set("hidden", input.value || null); restart(); });
  }

  // csvControl: a CSV file the user picks, read here and sent with each
  // request; kept in the link when it is small enough (csvlink.js).
  csvControl(row, cpanel) {
    const box = d3.select(row).append("label").attr("class", "control").attr("data-name", "csv").attr("hidden", url.hidden("csv") ? true : null);
    box.append("span").text("data = CSV file");
    const input = box.append("input").attr("type", "file").attr("id", "net-csv").attr("accept", ".csv,text/csv").node();
    this.csvNote = cpanel.append("p").attr("class", "note").attr("id", "net-csv-note");
    input.addEventListener("change", async () => {
      const f = input.files[0];
      if (!f) return;
      const text = await f.text();
      await this.setCSV(text, f.name);
      this.start(false);
    });
  }

  // setCSV makes text (null: none) the data of the runs, and keeps it in
  // the link when its encoding fits CSV_LINK_MAX.
  async setCSV(text, name) {
    this.state.csv = text;
    if (text === null) { url.set("csv", null); url.set("csv_name", null); this.csvNote.text("").attr("data-link", null); return; }
    const enc = await encodeCSV(text);
    const fits = enc.length <= CSV_LINK_MAX;
    url.set("csv", fits ? enc : null);
    url.set("csv_name", fits ? name : null);
    this.csvNote.attr("data-link", fits ? "kept" : "too-large").attr("class", fits ? "note" : "note warn")
      .text(`data: ${name} (${text.length} bytes, sent with each request; ` + (fits ? `kept in the link, ${enc.length} characters compressed)` :
        `too large for a link: ${enc.length} characters compressed, the limit is ${CSV_LINK_MAX}; a copy of this link opens the preset's data instead — export the run as JSON to keep it)`));
  }

  picturesPanel(left) {
    const pics = left.append("div").attr("class", "panel");
    pics.append("h2").text("Output over the input plane, and the net");
    const picRow = pics.append("div").attr("class", "net-pics");
    this.heat = new Heatmap(picRow.node());
    this.diagram = new Diagram(picRow.node(), 240, HEAT);
    this.infoLine = pics.append("p").attr("class", "note").attr("id", "net-info");
    const st = this.state, ex = pics.append("div").attr("class", "buttons");
    ex.append("button").attr("id", "net-export-png").attr("type", "button").text("output as PNG")
      .on("click", async () => download("saddle-net-output.png", await pngOf([this.heat.canvas, this.heat.svg.node()], HEAT, HEAT)));
    ex.append("button").attr("id", "net-export-json").attr("type", "button").text("run as JSON")
      .on("click", () => downloadJSON("saddle-net-run.json", { request: st.request, info: st.info, frames: st.frames, done: st.done }));
    ex.append("button").attr("id", "net-export-csv").attr("type", "button").text("trace as CSV")
      .on("click", () => downloadCSV("saddle-net-trace.csv", ["step", "loss", "grad_norm", "min_eigenvalue", ...(st.info ? d3.range(st.info.params).map(i => "p" + i) : [])],
        st.frames.map(f => [f.step, f.loss, f.grad_norm, f.eigenvalues ? f.eigenvalues[0] : "", ...f.params])));
  }

  trainingPanel(right) {
    const cpan = right.append("div").attr("class", "panel");
    cpan.append("h2").text("Training");
    this.charts = [["loss", "loss", "log"], ["grad_norm", "‖∇L‖", "log"], ["min_eig", "smallest Hessian eigenvalue", "symlog"]]
      .map(([field, t, sc]) => ({ field, c: chart(cpan.node(), { title: t, scale: sc, width: 560, height: 100 }) }));
    const span = right.append("div").attr("class", "panel");
    span.append("h2").text("Hessian spectrum at the current parameters");
    this.spectrum = new Spectrum(span.node(), 560, 120);
    this.specNote = span.append("p").attr("class", "note").attr("id", "net-spectrum-note");
  }

  // ---- the run ----
  netSpec() {
    const spec = { preset: this.preset.value };
    if (this.act.value) spec.act = this.act.value;
    if (this.loss.value) spec.loss = this.loss.value;
    if (this.hiddenIn.value.trim()) spec.hidden = this.hiddenIn.value.split(",").map(s => Number(s.trim()));
    if (this.state.csv) spec.csv = this.state.csv;
    return spec;
  }

  request() {
    const m = { name: this.opt.value, lr: this.lr.value };
    if (m.name === "momentum" || m.name === "nesterov") m.momentum = this.mu.value;
    return { net: this.netSpec(), method: m, init: this.init.value, scale: this.scale.value, seed: this.seed.value, steps: this.steps.value };
  }

  // boot restores a CSV kept in the link, then starts the run.
  async boot() {
    const enc = url.get("csv", "");
    if (enc) {
      try {
        await this.setCSV(await decodeCSV(enc), url.get("csv_name", "data.csv"));
      } catch (e) {
        url.set("csv", null); url.set("csv_name", null);
        this.csvNote.attr("class", "note warn").text(`the link's CSV could not be read (${e.message}); the preset's data is used`);
      }
    }
    this.start(false);
    // rs=run (lesson 7's link) runs the restart study as the page opens.
    if (url.get("rs") === "run") this.restarts.run();
    this.root.dataset.boot = "ready";
  }

  // start (re)starts the stream of the current settings; autoplay plays it.
  start(autoplay) {
    const st = this.state;
    if (st.stream) st.stream.abort();
    const seq = ++st.seq;
    Object.assign(st, { frames: [], t: 0, done: null, info: null, request: this.request() });
    this.errLine.text("");
    delete this.root.dataset.error;
    this.root.dataset.done = "";
    const mine = fn => x => { if (seq === st.seq) fn(x); };
    st.stream = trainStream(st.request, {
      info: mine(info => this.onInfo(info)),
      frame: mine(f => {
        st.frames.push(f);
        if (st.frames.length === 1) { this.draw(); if (autoplay) this.play(); } else if (!st.playing) this.mark();
      }),
      done: mine(d => {
        st.done = d;
        if (url.get("at") === "end" && !st.playing) this.toEnd();
        else if (!st.playing) this.draw();
        this.root.dataset.done = String(d.final_loss);
        this.mark();
      }),
      error: mine(e => this.onError(e)),
    });
  }

  onInfo(info) {
    this.state.info = info;
    this.heat.setInfo(info); this.diagram.setInfo(info);
    const over = info.params > info.spectrum_max ? `; over the spectrum's cap of ${info.spectrum_max} parameters: no Hessian spectrum per frame` : "";
    this.infoLine.text(`${info.sizes.join("-")} ${info.hidden}/${info.output} net, ${info.params} parameters (the net view's cap: ${info.params_max}), ${info.loss} on ${info.data} (${info.x.length / info.in} points)` +
      (info.in === 2 ? "" : "; the output heatmap needs 2 input features") + over);
    this.extras.setNet(info);
  }

  // onError shows a run that could not start or failed, and clears the
  // pictures of the previous run so that nothing stale is shown.
  onError(e) {
    this.root.dataset.error = e.error;
    if (this.state.frames.length) { this.errLine.text(e.error); return; } // a failure mid-run: keep its frames
    this.status.attr("class", "note warn").text("No run: " + e.error.replace(/^net\/train: /, ""));
    this.infoLine.text("");
    this.heat.clear(); this.diagram.clear(); this.spectrum.draw([]);
    this.specNote.text("");
  }

  last() { return Math.max(0, this.state.frames.length - 1); }

  play() {
    const st = this.state;
    if (!st.frames.length) return;
    if (st.t >= this.last() && st.done) st.t = 0;
    st.playing = true;
    let prev = performance.now();
    this.rafPos = st.t;
    const tick = now => {
      if (!st.playing) return;
      this.rafPos = Math.min(this.last(), this.rafPos + (now - prev) * this.fps.value / 1000);
      prev = now;
      const k = Math.floor(this.rafPos);
      if (k !== st.t) {
        st.t = k;
        const t0 = performance.now();
        this.draw();
        this.perf.net.draws.push(now);
        this.perf.net.drawMs.push(performance.now() - t0);
      }
      if (st.t >= this.last() && st.done) { st.playing = false; this.draw(); return; }
      requestAnimationFrame(tick);
    };
    this.draw();
    requestAnimationFrame(tick);
  }

  // pause stops at the frame shown; it records the time from the click
  // (the event's time stamp) to the paused frame drawn.
  pause(e) {
    this.state.playing = false;
    this.draw();
    if (e && e.timeStamp) this.perf.net.pauses.push(performance.now() - e.timeStamp);
  }
  stepOnce() { this.state.playing = false; this.state.t = Math.min(this.last(), this.state.t + 1); this.draw(); }
  reset() { this.state.playing = false; this.state.t = 0; this.draw(); }
  toEnd() { this.state.playing = false; this.state.t = this.last(); this.draw(); }

  // jump shows a point (from a symmetry) as the current frame, paused.
  jump(params, pt) {
    const st = this.state;
    st.playing = false;
    const f = { ...st.frames[st.t], params, loss: pt.loss, grad_norm: pt.grad_norm, eigenvalues: pt.eigenvalues, output: st.frames[st.t].output };
    st.frames = st.frames.slice(0, st.t + 1).concat([f]);
    st.t = st.frames.length - 1;
    this.draw();
  }

  mark() {
    const st = this.state, f = st.frames[st.t], ds = this.root.dataset;
    ds.play = st.playing ? "playing" : "paused";
    ds.frames = st.frames.length;
    ds.t = st.t;
    if (!f) return;
    ds.step = f.step; ds.loss = String(f.loss);
    this.status.attr("class", "note");
    const end = st.done && st.t === this.last() ? ` · final loss ${st.done.final_loss}` + (st.done.accuracy != null ? `, accuracy ${fmt3(st.done.accuracy)}` : "") : "";
    this.status.text(`step ${f.step} of ${st.request.steps} · frame ${st.t + 1} of ${st.frames.length}${st.done ? "" : " (training…)"} · loss ${fmt3(f.loss)} · ‖∇L‖ ${fmt3(f.grad_norm)}` +
      (st.playing ? " (playing)" : "") + end);
  }

  draw() {
    const st = this.state, f = st.frames[st.t];
    if (!f) return;
    this.heat.draw(f);
    this.diagram.draw(f.params);
    this.drawSpectrum(f);
    const series = { loss: st.frames.map(g => g.loss), grad_norm: st.frames.map(g => g.grad_norm), min_eig: st.frames.map(g => (g.eigenvalues ? g.eigenvalues[0] : NaN)) };
    for (const ch of this.charts) ch.c.update([{ name: ch.field, color: "#2f6fde", values: series[ch.field] }], st.t);
    this.extras.setPoint(f, st.frames.slice(0, st.t + 1));
    // When the run stands still, the loss plane follows the point.
    clearTimeout(this.planeTimer);
    if (!st.playing && st.done) this.planeTimer = setTimeout(() => this.extras.plane(), 150);
    this.mark();
  }

  // drawSpectrum draws the eigenvalues of frame f, or says why there are
  // none: the net is over the per-frame cap, or the Hessian is not finite.
  drawSpectrum(f) {
    const info = this.state.info;
    this.spectrum.draw(f.eigenvalues);
    if (f.eigenvalues) {
      const v = f.eigenvalues, zeros = v.filter(x => Math.abs(x) < 1e-9).length, neg = v.filter(x => x < -1e-9).length;
      this.spectrum.message("");
      this.specNote.attr("class", "note").text(`${v.length} eigenvalues: ${neg} negative, ${zeros} zero (|λ| < 1e-9), ${v.length - neg - zeros} positive; smallest ${fmt3(v[0])}, largest ${fmt3(v[v.length - 1])}`);
      return;
    }
    const over = info && info.params > info.spectrum_max;
    const msg = over ? `No spectrum: ${info.params} parameters, over the cap of ${info.spectrum_max}` : "No spectrum: the Hessian is not finite here";
    this.spectrum.message(msg);
    this.specNote.attr("class", "note warn").attr("data-cap", over ? "over" : null)
      .text(over ? `No spectrum: this net has ${info.params} parameters, over the cap of ${info.spectrum_max} for a Hessian spectrum at every frame (it keeps playback fast). ` +
        "The smallest-eigenvalue chart stays empty too; a symmetry's table (which asks for one point) still shows it." : msg + ".");
  }
}

export function mount(root) {
  new NetView(root).boot();
}
