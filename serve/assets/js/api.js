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
