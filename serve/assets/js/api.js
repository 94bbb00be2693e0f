// post sends a JSON request to an endpoint of the server and returns
// {ok: true, data} or {ok: false, error: {error, field, column}}; an
// aborted request resolves to null.
export async function post(path, body, signal) {
  let res;
  try {
    res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal });
  } catch (e) {
    if (e.name === "AbortError") return null;
    return { ok: false, error: { error: String(e) } };
  }
  let data;
  try { data = await res.json(); } catch (e) {
    if (e.name === "AbortError") return null;
    return { ok: false, error: { error: `${path}: HTTP ${res.status}, not JSON` } };
  }
  return res.ok ? { ok: true, data } : { ok: false, error: data };
}

// unpack decodes the values of a sample asked with "packed": true (base64
// of little-endian float32, NaN where not finite) or, as a plain JSON array
// with null where not finite, the default shape.
export function unpack(values) {
  if (typeof values !== "string") return Float64Array.from(values, v => (v === null ? NaN : v));
  const bin = atob(values), n = bin.length >> 2, bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const dv = new DataView(bytes.buffer), out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}
