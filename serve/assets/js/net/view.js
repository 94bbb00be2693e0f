// The net view: train a small net live (XOR 2-2-1 first) and watch its
// loss, its output over the input plane, its weights and its Hessian
// spectrum; then look at the loss plane around it, race optimizers off the
// XOR plateau and move the point along its symmetry orbit. State in the
// URL: preset, act, loss, hidden, opt, lr, mu, init, scale, seed, steps,
// fps (frames per second of playback), at=end (show the last frame once
// trained), plane, span, race, race_scale, race_steps.
import { url, fmt3 } from "../state.js";
import { slider, number } from "../controls.js";
import { chart } from "../charts.js";
import { downloadJSON, downloadCSV, download, pngOf } from "../export.js";
import { trainStream } from "./stream.js";
import { Heatmap, Diagram, Spectrum, HEAT } from "./draw.js";
import { Extras } from "./extras.js";

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

export function mount(root) {
  const perf = (window.__saddle = window.__saddle || {});
  perf.net = { draws: [], drawMs: [], pauses: [] };
  root.dataset.view = "net";
  const left = d3.select(root).append("div").attr("class", "col");
  const right = d3.select(root).append("div").attr("class", "col");
  const cpanel = left.append("div").attr("class", "panel").attr("id", "net-controls");
  cpanel.append("h2").text("Net, data and optimizer");
  const row1 = cpanel.append("div").attr("class", "controls").node();
  const restart = () => start(false);
  const preset = select(row1, "preset", "preset", PRESETS, "xor", () => { state.csv = null; csvNote.text(""); restart(); });
  const act = select(row1, "act", "hidden activation", ACTS, "", restart);
  const loss = select(row1, "loss", "loss", LOSSES, "", restart);
  const hiddenBox = d3.select(row1).append("label").attr("class", "control").attr("data-name", "hidden").attr("hidden", url.hidden("hidden") ? true : null);
  const hiddenOut = hiddenBox.append("span").text("hidden units = ").append("output");
  const hiddenIn = hiddenBox.append("input").attr("id", "net-hidden").attr("placeholder", "preset's, e.g. 4,4").node();
  hiddenIn.value = url.get("hidden", "");
  hiddenOut.text(hiddenIn.value || "preset's");
  hiddenIn.addEventListener("change", () => { hiddenOut.text(hiddenIn.value || "preset's"); url.set("hidden", hiddenIn.value || null); restart(); });
  const csvBox = d3.select(row1).append("label").attr("class", "control").attr("data-name", "csv").attr("hidden", url.hidden("csv") ? true : null);
  csvBox.append("span").text("data = CSV file");
  const csvIn = csvBox.append("input").attr("type", "file").attr("id", "net-csv").attr("accept", ".csv,text/csv").node();
  const csvNote = cpanel.append("p").attr("class", "note").attr("id", "net-csv-note");
  csvIn.addEventListener("change", async () => {
    const f = csvIn.files[0];
    if (!f) return;
    state.csv = await f.text();
    csvNote.text(`data: ${f.name} (${state.csv.length} bytes, sent with each request; not kept in the link)`);
    restart();
  });
  const row2 = cpanel.append("div").attr("class", "controls").node();
  const opt = select(row2, "opt", "optimizer", OPTS, "gd", () => { lr.set(CLI_LR[opt.value]); restart(); });
  const lr = slider(row2, { name: "lr", label: "lr", min: 1e-4, max: 10, value: CLI_LR[url.get("opt", "gd")] || 0.5, log: true, onChange: restart });
  const mu = slider(row2, { name: "mu", label: "μ (momentum)", min: 0, max: 0.99, value: 0.9, onChange: restart });
  const init = select(row2, "init", "init", INITS, "preset", restart);
  const scale = slider(row2, { name: "scale", label: "init scale", min: 1e-4, max: 10, value: 1, log: true, onChange: restart });
  const seed = number(row2, { name: "seed", label: "seed", value: 1, min: 0, int: true, onChange: restart });
  const steps = slider(row2, { name: "steps", label: "steps", min: 10, max: 100000, value: 10000, log: true, int: true, onChange: restart });
  const fps = slider(row2, { name: "fps", label: "frames/s", min: 1, max: 240, value: 60, log: true, int: true });
  const buttons = cpanel.append("div").attr("class", "buttons");
  for (const [id, text, fn] of [["play", "play", () => play()], ["pause", "pause", e => pause(e)], ["step", "step", () => stepOnce()],
    ["reset", "reset", () => reset()], ["end", "to end", () => toEnd()]]) {
    buttons.append("button").attr("id", "net-" + id).attr("type", "button").text(text).on("click", fn);
  }
  const status = cpanel.append("p").attr("class", "note").attr("id", "net-status");
  const errLine = cpanel.append("pre").attr("class", "error").attr("id", "net-error").attr("role", "alert");

  const pics = left.append("div").attr("class", "panel");
  pics.append("h2").text("Output over the input plane, and the net");
  const picRow = pics.append("div").attr("class", "net-pics");
  const heat = new Heatmap(picRow.node());
  const diagram = new Diagram(picRow.node(), 240, HEAT);
  pics.append("p").attr("class", "note").attr("id", "net-info");
  const ex = pics.append("div").attr("class", "buttons");
  ex.append("button").attr("id", "net-export-png").attr("type", "button").text("output as PNG")
    .on("click", async () => download("saddle-net-output.png", await pngOf([heat.canvas, heat.svg.node()], HEAT, HEAT)));
  ex.append("button").attr("id", "net-export-json").attr("type", "button").text("run as JSON")
    .on("click", () => downloadJSON("saddle-net-run.json", { request: state.request, info: state.info, frames: state.frames, done: state.done }));
  ex.append("button").attr("id", "net-export-csv").attr("type", "button").text("trace as CSV")
    .on("click", () => downloadCSV("saddle-net-trace.csv", ["step", "loss", "grad_norm", "min_eigenvalue", ...(state.info ? d3.range(state.info.params).map(i => "p" + i) : [])],
      state.frames.map(f => [f.step, f.loss, f.grad_norm, f.eigenvalues ? f.eigenvalues[0] : "", ...f.params])));

  const cpan = right.append("div").attr("class", "panel");
  cpan.append("h2").text("Training");
  const charts = [["loss", "loss", "log"], ["grad_norm", "‖∇L‖", "log"], ["min_eig", "smallest Hessian eigenvalue", "symlog"]]
    .map(([field, t, sc]) => ({ field, c: chart(cpan.node(), { title: t, scale: sc, width: 560, height: 100 }) }));
  const span = right.append("div").attr("class", "panel");
  span.append("h2").text("Hessian spectrum at the current parameters");
  const spectrum = new Spectrum(span.node(), 560, 120);
  const specNote = span.append("p").attr("class", "note").attr("id", "net-spectrum-note");

  const state = { frames: [], t: 0, playing: false, info: null, done: null, csv: null, stream: null, request: null, seq: 0 };

  function netSpec() {
    const spec = { preset: preset.value };
    if (act.value) spec.act = act.value;
    if (loss.value) spec.loss = loss.value;
    if (hiddenIn.value.trim()) spec.hidden = hiddenIn.value.split(",").map(s => Number(s.trim()));
    if (state.csv) spec.csv = state.csv;
    return spec;
  }
  function method() {
    const m = { name: opt.value, lr: lr.value };
    if (opt.value === "momentum" || opt.value === "nesterov") m.momentum = mu.value;
    return m;
  }
  function request() {
    return { net: netSpec(), method: method(), init: init.value, scale: scale.value, seed: seed.value, steps: steps.value };
  }

  // start (re)starts the stream of the current settings; autoplay plays it.
  function start(autoplay) {
    if (state.stream) state.stream.abort();
    const seq = ++state.seq;
    state.frames = []; state.t = 0; state.done = null; state.info = null;
    state.request = request();
    errLine.text("");
    delete root.dataset.error;
    root.dataset.done = "";
    state.stream = trainStream(state.request, {
      info: info => {
        if (seq !== state.seq) return;
        state.info = info;
        heat.setInfo(info); diagram.setInfo(info);
        d3.select("#net-info").text(`${info.sizes.join("-")} ${info.hidden}/${info.output} net, ${info.params} parameters, ${info.loss} on ${info.data} (${info.x.length / info.in} points)` +
          (info.in === 2 ? "" : "; the output heatmap needs 2 input features"));
        extras.setNet(info);
      },
      frame: f => {
        if (seq !== state.seq) return;
        state.frames.push(f);
        if (state.frames.length === 1) { draw(); if (autoplay) play(); }
        else if (!state.playing) mark();
      },
      done: d => {
        if (seq !== state.seq) return;
        state.done = d;
        if (url.get("at") === "end" && !state.playing) toEnd();
        else if (!state.playing) draw();
        root.dataset.done = String(d.final_loss);
        mark();
      },
      error: e => {
        if (seq !== state.seq) return;
        errLine.text(e.error);
        root.dataset.error = e.error;
      },
    });
  }

  function last() { return Math.max(0, state.frames.length - 1); }
  let rafPos = 0;
  function play() {
    if (!state.frames.length) return;
    if (state.t >= last() && state.done) state.t = 0;
    state.playing = true;
    let prev = performance.now();
    rafPos = state.t;
    const tick = now => {
      if (!state.playing) return;
      rafPos = Math.min(last(), rafPos + (now - prev) * fps.value / 1000);
      prev = now;
      const k = Math.floor(rafPos);
      if (k !== state.t) {
        state.t = k;
        const t0 = performance.now();
        draw();
        perf.net.draws.push(now);
        perf.net.drawMs.push(performance.now() - t0);
      }
      if (state.t >= last() && state.done) { state.playing = false; draw(); return; }
      requestAnimationFrame(tick);
    };
    draw();
    requestAnimationFrame(tick);
  }
  // pause stops at the frame shown; it records the time from the click
  // (the event's time stamp) to the paused frame drawn.
  function pause(e) {
    state.playing = false;
    draw();
    if (e && e.timeStamp) perf.net.pauses.push(performance.now() - e.timeStamp);
  }
  function stepOnce() { state.playing = false; state.t = Math.min(last(), state.t + 1); draw(); }
  function reset() { state.playing = false; state.t = 0; draw(); }
  function toEnd() { state.playing = false; state.t = last(); draw(); }

  function mark() {
    const f = state.frames[state.t];
    root.dataset.play = state.playing ? "playing" : "paused";
    root.dataset.frames = state.frames.length;
    root.dataset.t = state.t;
    if (f) { root.dataset.step = f.step; root.dataset.loss = String(f.loss); }
    status.text(f ? `step ${f.step} of ${state.request.steps} · frame ${state.t + 1} of ${state.frames.length}${state.done ? "" : " (training…)"} · loss ${fmt3(f.loss)} · ‖∇L‖ ${fmt3(f.grad_norm)}` +
      (state.playing ? " (playing)" : "") + (state.done && state.t === last() ? ` · final loss ${state.done.final_loss}` + (state.done.accuracy != null ? `, accuracy ${fmt3(state.done.accuracy)}` : "") : "") : "");
  }

  function draw() {
    const f = state.frames[state.t];
    if (!f) return;
    heat.draw(f);
    diagram.draw(f.params);
    spectrum.draw(f.eigenvalues);
    if (f.eigenvalues) {
      const zeros = f.eigenvalues.filter(v => Math.abs(v) < 1e-9).length, neg = f.eigenvalues.filter(v => v < -1e-9).length;
      specNote.text(`${f.eigenvalues.length} eigenvalues: ${neg} negative, ${zeros} zero (|λ| < 1e-9), ${f.eigenvalues.length - neg - zeros} positive; smallest ${fmt3(f.eigenvalues[0])}, largest ${fmt3(f.eigenvalues[f.eigenvalues.length - 1])}`);
    } else specNote.text("The spectrum is computed per frame for nets of at most 64 parameters.");
    const series = { loss: state.frames.map(g => g.loss), grad_norm: state.frames.map(g => g.grad_norm), min_eig: state.frames.map(g => (g.eigenvalues ? g.eigenvalues[0] : NaN)) };
    for (const ch of charts) ch.c.update([{ name: ch.field, color: "#2f6fde", values: series[ch.field] }], state.t);
    extras.setPoint(f, state.frames.slice(0, state.t + 1));
    // When the run stands still, the loss plane follows the point.
    clearTimeout(planeTimer);
    if (!state.playing && state.done) planeTimer = setTimeout(() => extras.plane(), 150);
    mark();
  }
  let planeTimer = 0;

  const extras = new Extras(left.node(), right.node(), root, {
    spec: netSpec, seed: () => seed.value,
    // jump shows a point (from a symmetry) as the current frame, paused.
    jump: (params, pt) => {
      state.playing = false;
      const f = { ...state.frames[state.t], params, loss: pt.loss, grad_norm: pt.grad_norm, eigenvalues: pt.eigenvalues, output: state.frames[state.t].output };
      state.frames = state.frames.slice(0, state.t + 1).concat([f]);
      state.t = state.frames.length - 1;
      draw();
    },
  });

  perf.net.href = () => url.href();
  start(false);
  root.dataset.boot = "ready";
}
