// Reads the training stream of /api/net/train (JSON lines: info, frames,
// done or error) and calls back per line; abort() stops it (the server
// then stops training).
export function trainStream(body, on) {
  const ctl = new AbortController();
  (async () => {
    let res;
    try {
      res = await fetch("/api/net/train", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: ctl.signal });
    } catch (e) {
      if (e.name !== "AbortError") on.error({ error: String(e) });
      return;
    }
    if (!res.ok) {
      let err;
      try { err = await res.json(); } catch { err = { error: `HTTP ${res.status}` }; }
      if (!ctl.signal.aborted) on.error(err);
      return;
    }
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (!line) continue;
          const msg = JSON.parse(line);
          if (msg.info) on.info(msg.info);
          else if (msg.frame) on.frame(msg.frame);
          else if (msg.done) on.done(msg.done);
          else if (msg.error) on.error(msg);
        }
      }
    } catch (e) {
      if (e.name !== "AbortError" && !ctl.signal.aborted) on.error({ error: String(e) });
    }
  })();
  return { abort: () => ctl.abort() };
}
