// A CSV the user picks travels in the link: its text compressed
// (deflate-raw, the browser's CompressionStream) and written in base64url
// as the URL parameter csv, so that a link restores a CSV net in a new tab.
// Links stay short enough to share: a CSV whose encoding is longer than
// CSV_LINK_MAX characters is not kept (the page says so).

// CSV_LINK_MAX bounds the csv parameter: 16 384 characters of base64url,
// 12 KB compressed (a few hundred rows of a 2-feature CSV).
export const CSV_LINK_MAX = 16384;

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

// encodeCSV returns text compressed and in base64url (no padding).
export async function encodeCSV(text) {
  const z = await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  let bin = "";
  for (let i = 0; i < z.length; i += 0x8000) bin += String.fromCharCode(...z.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// decodeCSV undoes encodeCSV; it throws on a damaged parameter.
export async function decodeCSV(s) {
  if (s.length > CSV_LINK_MAX) throw new Error(`the csv parameter has ${s.length} characters; the limit is ${CSV_LINK_MAX}`);
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const z = Uint8Array.from(bin, c => c.charCodeAt(0));
  return new TextDecoder().decode(await pipe(z, new DecompressionStream("deflate-raw")));
}
