// A small line chart of several series against step, with a cursor.
// chart(parent, {title, scale: "linear"|"log"|"symlog", width, height})
// returns {update(series, cursor)} where series is [{name, color, values}].
export function chart(parent, o) {
  const w = o.width || 300, h = o.height || 110, m = { l: 44, r: 8, t: 14, b: 18 };
  const svg = d3.select(parent).append("svg").attr("class", "chart").attr("width", w).attr("height", h)
    .attr("data-chart", o.title);
  svg.append("text").attr("x", m.l).attr("y", 10).text(o.title);
  const gx = svg.append("g").attr("class", "axis").attr("transform", `translate(0,${h - m.b})`);
  const gy = svg.append("g").attr("class", "axis").attr("transform", `translate(${m.l},0)`);
  const lines = svg.append("g");
  const cursor = svg.append("line").attr("stroke", "#999").attr("stroke-dasharray", "2,2");
  return {
    update(series, at) {
      const n = d3.max(series, s => s.values.length) || 1;
      const x = d3.scaleLinear().domain([0, Math.max(1, n - 1)]).range([m.l, w - m.r]);
      const all = series.flatMap(s => s.values.slice(0, at + 1)).filter(v => Number.isFinite(v) && (o.scale !== "log" || v > 0));
      let ext = all.length ? d3.extent(all) : o.scale === "log" ? [0.1, 1] : [0, 1];
      if (ext[0] === ext[1]) ext = [ext[0] - (o.scale === "log" ? ext[0] / 2 : 1), ext[1] + (o.scale === "log" ? ext[1] : 1)];
      const y = (o.scale === "log" ? d3.scaleLog() : o.scale === "symlog" ? d3.scaleSymlog() : d3.scaleLinear())
        .domain(ext).range([h - m.b, m.t]).nice();
      gx.call(d3.axisBottom(x).ticks(5).tickSizeOuter(0));
      gy.call(d3.axisLeft(y).tickValues(ticks(y, o.scale)).tickFormat(d3.format(o.scale === "log" ? ".0e" : ".2~g")).tickSizeOuter(0));
      const line = d3.line().defined(v => Number.isFinite(v) && (o.scale !== "log" || v > 0)).x((_, i) => x(i)).y(v => y(v));
      lines.selectAll("path").data(series).join("path").attr("fill", "none").attr("stroke", s => s.color)
        .attr("stroke-width", 1.5).attr("d", s => line(s.values.slice(0, at + 1)));
      cursor.attr("x1", x(at)).attr("x2", x(at)).attr("y1", m.t).attr("y2", h - m.b);
    },
  };
}

// ticks returns at most 4 tick values that do not overlap on a short axis:
// the ends and 0 on a symlog axis, every k-th power of ten on a log axis.
function ticks(y, scale) {
  const [a, b] = y.domain();
  if (scale === "symlog") return [...new Set([a, ...(a < 0 && b > 0 ? [0] : []), b])].filter(v => Number.isFinite(y(v)));
  if (scale === "log") {
    const lo = Math.ceil(Math.log10(a)), hi = Math.floor(Math.log10(b));
    const k = Math.max(1, Math.ceil((hi - lo + 1) / 4));
    const out = [];
    for (let e = lo; e <= hi; e += k) out.push(10 ** e);
    return (out.length ? out : [a, b]).filter(v => Number.isFinite(y(v)));
  }
  return y.ticks(3);
}
