// Controls whose label always shows their value: a slider (linear or
// logarithmic), a number box, a checkbox. Each is bound to a URL parameter
// (its name), hidden when NAME_hide=1, and carries data-name and
// data-value for tests.
import { url, fmt3 } from "./state.js";

function wrap(parent, name, label) {
  const el = document.createElement("label");
  el.className = "control";
  el.dataset.name = name;
  el.hidden = url.hidden(name);
  const cap = document.createElement("span");
  cap.append(label + " = ");
  const out = document.createElement("output");
  cap.append(out);
  el.append(cap);
  parent.append(el);
  return { el, out };
}

// slider: opts {name, label, min, max, value, log, step, int, onChange}.
export function slider(parent, o) {
  const { el, out } = wrap(parent, o.name, o.label);
  const input = document.createElement("input");
  input.type = "range";
  input.min = 0; input.max = 1000; input.step = 1;
  el.append(input);
  const lo = o.log ? Math.log10(o.min) : o.min, hi = o.log ? Math.log10(o.max) : o.max;
  const toPos = v => Math.round(1000 * ((o.log ? Math.log10(Math.max(v, o.min)) : v) - lo) / (hi - lo));
  const fromPos = p => {
    let v = lo + (hi - lo) * p / 1000;
    if (o.log) v = 10 ** v;
    v = o.int ? Math.round(v) : Number(v.toPrecision(3));
    return v;
  };
  let value = url.num(o.name, o.value);
  const show = () => { out.textContent = fmt3(value); el.dataset.value = String(value); input.setAttribute("aria-valuetext", fmt3(value)); };
  input.value = toPos(value);
  show();
  input.addEventListener("input", () => {
    value = fromPos(Number(input.value));
    show();
    url.set(o.name, value === o.value ? null : value);
    if (o.onChange) o.onChange(value);
  });
  return {
    el,
    get value() { return value; },
    set(v) { value = v; input.value = toPos(v); show(); url.set(o.name, v === o.value ? null : v); },
  };
}

// number: a number box; opts {name, label, value, min, max, int, onChange}.
export function number(parent, o) {
  const { el, out } = wrap(parent, o.name, o.label);
  const input = document.createElement("input");
  input.type = "number";
  if (o.min !== undefined) input.min = o.min;
  if (o.max !== undefined) input.max = o.max;
  input.step = o.int ? 1 : "any";
  el.append(input);
  let value = url.num(o.name, o.value);
  const show = () => { out.textContent = String(value); el.dataset.value = String(value); };
  input.value = value;
  show();
  input.addEventListener("change", () => {
    const v = Number(input.value);
    if (input.value === "" || !Number.isFinite(v) || (o.int && !Number.isInteger(v))) { input.value = value; return; }
    value = v;
    show();
    url.set(o.name, value === o.value ? null : value);
    if (o.onChange) o.onChange(value);
  });
  return { el, get value() { return value; } };
}

// checkbox: opts {name (for hiding), label, checked, onChange}; its URL
// state is kept by the caller (lists such as opt=gd,newton).
export function checkbox(parent, o) {
  const el = document.createElement("label");
  el.className = "control check";
  el.dataset.name = o.name;
  el.hidden = url.hidden(o.name);
  const input = document.createElement("input");
  input.type = "checkbox";
  input.checked = o.checked;
  const out = document.createElement("output");
  const show = () => { out.textContent = input.checked ? "on" : "off"; el.dataset.value = input.checked ? "on" : "off"; };
  show();
  el.append(input, " ", o.label, " = ", out);
  input.addEventListener("change", () => { show(); if (o.onChange) o.onChange(input.checked); });
  parent.append(el);
  return { el, get checked() { return input.checked; } };
}
