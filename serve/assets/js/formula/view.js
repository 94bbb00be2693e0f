// The formula view: type a formula (or pick a preset) and see its surface,
// its critical points and optimizers racing on it. State in the URL:
// f (formula), vp (viewport x0,x1[,y0,y1]), fix_NAME (values of the
// variables beyond the plotted two), start, steps, speed, seed, opt (the
// optimizers that run) and NAME_SETTING per optimizer (gd_lr, pgd_radius…).
import { url, fmt3 } from "../state.js";
import { post } from "../api.js";
import { slider } from "../controls.js";
import { downloadJSON, download, pngOf } from "../export.js";
import { Plot, SIZE, KIND_COLOR } from "./plot.js";
import { Race } from "./race.js";

export const title = "Formula";

export const PRESETS = [
  { name: "x² − y² (saddle)", f: "x^2 - y^2", vp: [-2, 2, -2, 2], start: [-1.5, 0.05] },
  { name: "monkey saddle", f: "x^3 - 3*x*y^2", vp: [-2, 2, -2, 2], start: [-1.5, 0.3] },
  { name: "(1 − x²)²", f: "(1 - x^2)^2", vp: [-2, 2], start: [0.2] },
  { name: "Himmelblau", f: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", vp: [-5, 5, -5, 5], start: [-0.3, -0.9] },
  { name: "Rosenbrock", f: "(1 - x)^2 + 100*(y - x^2)^2", vp: [-2, 2, -1, 3], start: [-1.2, 1] },
  { name: "six-hump camel", f: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", vp: [-2.2, 2.2, -1.2, 1.2], start: [1.2, 0.8] },
];
const GRID = 200;    // samples per axis

// Variables of a formula, cheaply and without the server: identifiers that
// are not functions or constants, in order of appearance.
const NOT_VARS = new Set(["exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "softplus", "relu", "abs", "pi", "e"]);
function guessVars(f) {
  const seen = [];
  for (const m of f.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (!NOT_VARS.has(m[0]) && !seen.includes(m[0])) seen.push(m[0]);
  return seen;
}

export function mount(root) {
  const perf = (window.__saddle = window.__saddle || { latencies: [] });
  const left = d3.select(root).append("div").attr("class", "col");
  const right = d3.select(root).append("div").attr("class", "col");
  const fpanel = left.append("div").attr("class", "panel");
  const row = fpanel.append("div").attr("class", "formula-row");
  const flabel = row.append("label").attr("for", "formula").attr("data-name", "f").text("f = ");
  const input = row.append("input").attr("id", "formula").attr("spellcheck", "false").attr("autocomplete", "off").node();
  const preset = row.append("select").attr("id", "preset").attr("aria-label", "preset");
  preset.append("option").attr("value", "").text("presets…");
  preset.selectAll("option.p").data(PRESETS).join("option").attr("class", "p").attr("value", (_, i) => i).text(p => p.name);
  if (url.hidden("f")) { row.node().hidden = true; flabel.attr("hidden", true); }
  if (url.hidden("preset")) preset.attr("hidden", true);
  const errorLine = fpanel.append("pre").attr("class", "error").attr("id", "formula-error").attr("role", "alert");
  const sliceNote = fpanel.append("p").attr("class", "note").attr("id", "slice-note");
  const sliceBox = fpanel.append("div").attr("class", "controls").attr("id", "slice").node();

  const plotPanel = left.append("div").attr("class", "panel");
  const plot = new Plot(plotPanel.node(), { onStart: p => setStart(p, true), onViewport: vp => { setViewport(vp); refresh("viewport"); } });
  const legend = plotPanel.append("p").attr("class", "note");
  legend.html("");
  for (const k of Object.keys(KIND_COLOR)) legend.append("span").attr("class", "kind-" + k).text(`■ ${k}  `);
  legend.append("span").text(" · eigenvectors: solid λ>0, dashed λ<0 · arrows: dashed −∇f, solid the step taken");
  const pbuttons = plotPanel.append("div").attr("class", "buttons");
  pbuttons.append("button").attr("id", "export-png").attr("type", "button").text("plot as PNG").on("click", async () => download("saddle-plot.png", await pngOf(plot.layers(), SIZE, SIZE)));
  pbuttons.append("button").attr("id", "export-points").attr("type", "button").text("critical points as JSON").on("click", () => state.critical && downloadJSON("saddle-critical.json", state.critical));
  const critPanel = left.append("div").attr("class", "panel");
  critPanel.append("h2").text("Critical points in view");
  const critNote = critPanel.append("p").attr("class", "note").attr("id", "critical-note");
  const critTable = critPanel.append("table").attr("id", "critical-table");

  const state = { f: url.get("f", PRESETS[0].f), vars: [], fixed: {}, vp: null, start: null, critical: null, seq: 0, lastKey: 0, sliders: {} };
  const race = new Race(right.node(), { onChange: () => runRace(false), draw: (paths, t) => plot.race(paths, t) });

  function axes() { return state.vars.slice(0, Math.min(2, state.vars.length)); }
  function view() {
    const a = axes();
    const v = { expr: state.f, vars: a, lo: [state.vp.x[0]], hi: [state.vp.x[1]] };
    if (a.length === 2) { v.lo.push(state.vp.y[0]); v.hi.push(state.vp.y[1]); }
    const fixed = {};
    for (const name of state.vars.slice(2)) fixed[name] = state.fixed[name] ?? 0;
    if (Object.keys(fixed).length) v.fixed = fixed;
    return v;
  }
  function setViewport(vp) {
    state.vp = { x: vp.x.map(v => Number(v.toPrecision(6))), y: vp.y.map(v => Number(v.toPrecision(6))) };
    url.set("vp", axes().length === 1 ? state.vp.x : [...state.vp.x, ...state.vp.y]);
  }
  function setStart(p, autoplay) {
    state.start = p.map(v => Number(v.toPrecision(6)));
    url.set("start", state.start);
    drawStart();
    runRace(autoplay);
  }
  function drawStart() {
    const v = state.start && axes().length === 1 && race.paths[0] ? race.paths[0].loss[0] : null;
    plot.start(state.start && state.start.length === axes().length ? state.start : null, v, p => setStart(p, true));
  }

  // sliceControls shows a slider per variable beyond the plotted two.
  function sliceControls() {
    const others = state.vars.slice(2);
    for (const name of Object.keys(state.sliders)) if (!others.includes(name)) { state.sliders[name].el.remove(); delete state.sliders[name]; }
    for (const name of others) {
      if (state.sliders[name]) continue;
      state.fixed[name] = url.num("fix_" + name, 0);
      state.sliders[name] = slider(sliceBox, { name: "fix_" + name, label: name, min: -3, max: 3, value: 0,
        onChange: v => { state.fixed[name] = v; refresh("slice"); } });
    }
    sliceNote.text(others.length ? `${state.vars.length} variables: showing the slice ${others.map(n => `${n} = ${fmt3(state.fixed[n] ?? 0)}`).join(", ")} through the plane of ${axes().join(", ")}. Critical points and races are those of the slice.` :
      state.vars.length === 1 ? "One variable: the curve of f." : "");
  }

  // refresh asks for the sample and the critical points of the view at
  // once (two requests the server answers in parallel), draws the surface
  // as soon as its sample arrives (while the critical-point search still
  // runs), then the points. A newer call (the next keystroke) aborts both
  // requests, and the server stops their work.
  let inflight = null;
  async function refresh(why) {
    const seq = ++state.seq;
    state.vars = guessVars(state.f);
    sliceControls();
    if (inflight) inflight.abort();
    const ctl = (inflight = new AbortController());
    const v = view();
    plot.setView(state.vp, axes().length || 2, axes());
    const t0 = performance.now(), t = {};
    const current = () => seq === state.seq;
    const sampled = post("/api/sample", { ...v, n: axes().length === 1 ? 400 : GRID, packed: true }, ctl.signal).then(s => {
      t.sample = performance.now() - t0;
      if (!s || !s.ok || !current()) return s;
      plot.surface(s.data); // the last good plot stays until a sample succeeds
      t.surface = performance.now() - t0 - t.sample;
      return s;
    });
    const [s, c] = await Promise.all([sampled, post("/api/critical", { ...v, seed: race.seed.value }, ctl.signal)]);
    const t1 = performance.now();
    if (!current() || !s || !c) return; // superseded
    if (!s.ok || !c.ok) {
      if (s.ok) { state.critical = null; plot.critical([]); critTableDraw({ points: [] }); } // the new surface, no stale points
      return showError(s.ok ? c.error : s.error, v.expr);
    }
    errorLine.text("").attr("data-column", null).attr("data-expr", null);
    input.removeAttribute("aria-invalid");
    state.critical = c.data;
    plot.critical(c.data.points);
    critTableDraw(c.data);
    drawStart();
    plot.race(race.paths, race.t);
    // The race of a new function runs after its plot is drawn, so that it
    // does not compete with the plot for the server.
    if (why !== "viewport" && why !== "boot") runRace(false);
    const t2 = performance.now();
    // On the next frame: the view is on screen. (refresh resolves then, so
    // that the page is "ready" only once it says what it shows.)
    await new Promise(resolve => requestAnimationFrame(() => {
      const now = performance.now();
      resolve();
      if (!current()) return; // a newer edit is on its way
      if (why === "input") {
        perf.latencies.push({ expr: v.expr, ms: now - state.lastKey, wait: t0 - state.lastKey, sample: t.sample, surface: t.surface,
          fetch: t1 - t0, points: t2 - t1, frame: now - t2, ...plot.parts });
      }
      root.dataset.rendered = v.expr;
      root.dataset.seq = seq;
    }));
  }

  function showError(e, expr) {
    const col = e.column || 0;
    errorLine.attr("data-column", col || null).attr("data-field", e.field || null).attr("data-expr", expr)
      .text((col ? `${expr}\n${" ".repeat(col - 1)}^\n` : "") + e.error.replace(/^\w+: /, ""));
    input.setAttribute("aria-invalid", "true");
    root.dataset.error = e.error;
  }

  function critTableDraw(doc) {
    const pts = doc.points;
    critNote.text(pts.length ? `${pts.length} found by a multistart search in view (saddle critical).` : "None found in view.");
    critTable.selectAll("thead").data([0]).join("thead").selectAll("tr").data([0]).join("tr").selectAll("th")
      .data(["kind", "point", "value", "eigenvalues"]).join("th").text(d => d);
    critTable.selectAll("tbody").data([0]).join("tbody").selectAll("tr").data(pts).join("tr")
      .attr("data-kind", p => p.kind)
      .selectAll("td").data(p => [p.kind, "(" + p.at.map(fmt3).join(", ") + ")", fmt3(p.value), p.eigenvalues.map(fmt3).join(", ")])
      .join("td").attr("class", (d, i, n) => (i === 0 ? "kind-" + d : null)).text(d => d);
  }

  let raceSeq = 0, raceTimer = 0, raceCtl = null;
  function runRace(autoplay) {
    clearTimeout(raceTimer);
    raceTimer = setTimeout(async () => {
      const seq = ++raceSeq;
      if (!state.start || state.start.length !== axes().length) { race.set(null); return; }
      const req = { ...view(), ...race.request(), start: state.start };
      if (!req.methods.length) { race.set(null); return; }
      if (raceCtl) raceCtl.abort();
      const ctl = (raceCtl = new AbortController());
      const r = await post("/api/race", req, ctl.signal);
      if (seq !== raceSeq || !r) return;
      if (!r.ok) { d3.select("#race-note").text(r.error.error); return; }
      d3.select("#race-note").text(`From (${state.start.map(fmt3).join(", ")}); seed ${req.seed}. Click or drag to move the start.`);
      perf.race = r.data;
      race.set(r.data, autoplay);
      drawStart();
    }, autoplay ? 0 : 60);
  }

  input.value = state.f;
  input.addEventListener("input", ev => {
    state.lastKey = ev.timeStamp; // when the key was pressed, on performance.now()'s clock
    state.f = input.value;
    url.set("f", state.f);
    refresh("input"); // no debounce: the next keystroke aborts this one's requests
  });
  preset.on("change", () => {
    const p = PRESETS[preset.property("value")];
    if (!p) return;
    input.value = state.f = p.f;
    url.set("f", p.f);
    state.vars = guessVars(p.f);
    setViewport({ x: p.vp.slice(0, 2), y: p.vp.length === 4 ? p.vp.slice(2) : [-1, 1] });
    state.start = p.start; url.set("start", p.start);
    refresh("preset");
  });

  const vp = url.nums("vp", 4, null) || [...url.nums("vp", 2, [-2, 2]), -2, 2];
  state.vp = { x: vp.slice(0, 2), y: vp.slice(2, 4) };
  state.start = url.nums("start", guessVars(state.f).length === 1 ? 1 : 2, null) || (state.f === PRESETS[0].f && !url.get("start") ? PRESETS[0].start : null);
  refresh("boot").then(() => { root.dataset.boot = "ready"; });
  runRace(false);
  perf.href = () => url.href();
}
