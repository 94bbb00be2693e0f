// Contour lines of a sampled surface by marching squares (Lorensen & Cline,
// "Marching cubes", SIGGRAPH 1987, in two dimensions): each cell of the grid
// whose corners straddle a level gets the segment of f = level through it,
// its ends interpolated linearly along the cell's edges. One pass over the
// cells serves every level (a cell visits only the levels between its
// smallest and largest corner), and the segments go straight into SVG path
// data: no rings are stitched, no polygons nested, as a filled contour
// (d3.contours) would need.

// isolines returns one SVG path per level (null when the level does not
// cross the grid). vals holds nx × ny values, row-major, row j at grid y = j;
// levels ascend; grid point (i, j) is drawn at (x0 + i·ax, y0 + j·ay), the
// path's coordinates in tenths of that unit, rounded to integers (drawn
// under scale(0.1): a tenth of a pixel is finer than the screen, and
// integers print several times faster than decimals). A cell
// with a corner that is not finite is skipped. A corner counts as above a
// level when its value is ≥ the level; at a saddle cell (opposite corners
// above) the mean of the corners decides which pair the lines separate.
export function isolines(vals, nx, ny, levels, x0, ax, y0, ay) {
  const L = levels.length;
  const out = levels.map(() => []);
  const X = v => Math.round(10 * (x0 + ax * v));
  const Y = v => Math.round(10 * (y0 + ay * v));
  const e = new Array(8); // the ends of the segments in the cell: x, y pairs
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const k = j * nx + i;
      const a = vals[k], b = vals[k + 1], c = vals[k + nx + 1], d = vals[k + nx]; // (i,j) (i+1,j) (i+1,j+1) (i,j+1)
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      const lo = Math.min(a, b, c, d), hi = Math.max(a, b, c, d);
      if (lo === hi) continue;
      let l = first(levels, lo);
      for (; l < L && levels[l] <= hi; l++) {
        const t = levels[l];
        const A = a >= t, B = b >= t, C = c >= t, D = d >= t;
        // The crossing points on the edges a–b (bottom), b–c (right), d–c (top), a–d (left).
        let m = 0;
        if (A !== B) { e[m++] = i + (t - a) / (b - a); e[m++] = j; }
        if (B !== C) { e[m++] = i + 1; e[m++] = j + (t - b) / (c - b); }
        if (D !== C) { e[m++] = i + (t - d) / (c - d); e[m++] = j + 1; }
        if (A !== D) { e[m++] = i; e[m++] = j + (t - a) / (d - a); }
        const p = out[l];
        if (m === 4) { p.push(`M${X(e[0])},${Y(e[1])}L${X(e[2])},${Y(e[3])}`); continue; }
        // A saddle cell: the four points in order bottom, right, top, left.
        // Lines around b and d (bottom–right, top–left) when the mean is on
        // a's and c's side, else around a and c (bottom–left, right–top).
        if ((a + b + c + d) / 4 >= t === A) {
          p.push(`M${X(e[0])},${Y(e[1])}L${X(e[2])},${Y(e[3])}M${X(e[4])},${Y(e[5])}L${X(e[6])},${Y(e[7])}`);
        } else {
          p.push(`M${X(e[0])},${Y(e[1])}L${X(e[6])},${Y(e[7])}M${X(e[2])},${Y(e[3])}L${X(e[4])},${Y(e[5])}`);
        }
      }
    }
  }
  return out.map(p => (p.length ? p.join("") : null));
}

// first returns the index of the first level above v (levels ascend).
function first(levels, v) {
  let lo = 0, hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (levels[mid] <= v) lo = mid + 1; else hi = mid;
  }
  return lo;
}
