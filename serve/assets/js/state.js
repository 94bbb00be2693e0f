// The page's state lives in the URL query, so that a link restores it.
// Every view reads its parameters with get/num/nums and writes them with
// set; NAME_hide=1 hides the control whose parameter is NAME.

const params = new URLSearchParams(location.search);
let pending = 0;

function flush() {
  pending = 0;
  const q = params.toString();
  history.replaceState(null, "", q ? "?" + q : location.pathname);
}

export const url = {
  get(name, def) { return params.has(name) ? params.get(name) : def; },
  num(name, def) {
    const v = Number(params.get(name));
    return params.has(name) && params.get(name) !== "" && Number.isFinite(v) ? v : def;
  },
  // nums reads a comma-separated list of n numbers, or returns def.
  nums(name, n, def) {
    if (!params.has(name)) return def;
    const v = params.get(name).split(",").map(Number);
    return v.length === n && v.every(Number.isFinite) ? v : def;
  },
  list(name, def) { return params.has(name) ? params.get(name).split(",").filter(s => s) : def; },
  set(name, value) {
    if (value === undefined || value === null) params.delete(name);
    else params.set(name, Array.isArray(value) ? value.map(fmtNum).join(",") : String(value));
    if (!pending) pending = setTimeout(flush, 50);
  },
  hidden(name) { return params.get(name + "_hide") === "1"; },
  // href returns the link of the current state (pending writes included).
  href() { flush(); return location.href; },
};

// fmtNum writes a number as short as it reads back exactly.
export function fmtNum(v) {
  if (typeof v !== "number") return String(v);
  for (let p = 1; p <= 17; p++) {
    const s = Number(v.toPrecision(p));
    if (s === v) return String(s);
  }
  return String(v);
}

// fmt3 shows a number with 3 significant digits for labels.
export function fmt3(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(3)));
  return v.toExponential(2).replace("e+", "e");
}
