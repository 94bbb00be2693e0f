// Export helpers shared by the views: download a blob, a JSON document, a
// CSV table, and a PNG of a plot made of canvases and SVG layers.

export function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function downloadJSON(name, value) {
  download(name, new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
}

// csv writes rows (arrays) under a header, quoting cells that need it.
export function csv(header, rows) {
  const cell = v => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
  };
  return [header, ...rows].map(r => r.map(cell).join(",")).join("\n") + "\n";
}

export function downloadCSV(name, header, rows) {
  download(name, new Blob([csv(header, rows)], { type: "text/csv" }));
}

// pngOf composes the layers (canvas or svg elements, stacked in order, all
// of the given size) into one PNG blob.
export async function pngOf(layers, width, height) {
  const canvas = document.createElement("canvas");
  canvas.width = width; canvas.height = height;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  for (const layer of layers) {
    if (layer instanceof HTMLCanvasElement) { ctx.drawImage(layer, 0, 0, width, height); continue; }
    const svg = layer.cloneNode(true);
    svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    svg.setAttribute("width", width); svg.setAttribute("height", height);
    const src = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }));
    const img = new Image();
    await new Promise((ok, fail) => { img.onload = ok; img.onerror = fail; img.src = src; });
    ctx.drawImage(img, 0, 0, width, height);
    URL.revokeObjectURL(src);
  }
  return new Promise(ok => canvas.toBlob(ok, "image/png"));
}
