// A grouped bar chart per day as inline SVG, built with DOM calls: no library, no inline style, every label as text.
const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The smallest of 1, 2, 5 × 10ⁿ that is at least `value` (at least 1), so the axis has round steps. */
function roundUp(value) {
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) if (step * power >= value) return step * power;
  }
}

/**
 * Bars for each day of `days` and each of `series` ({ key, label, className }), with a value axis, day labels and a
 * legend, `height` units tall (760 wide). Each bar carries data-day, data-series and data-value, and a <title> saying the same in words.
 */
export function barChart(days, series, label, height = 170) {
  const width = 760, left = 40, right = 10, top = 24, bottom = 28;
  const max = roundUp(Math.max(...days.flatMap(day => series.map(s => day[s.key] ?? 0))));
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(2, (slot * 0.8) / series.length);
  const y = value => top + plotHeight - (value / max) * plotHeight;

  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'bar-chart' });
  for (const tick of max % 2 === 0 ? [0, max / 2, max] : [0, max]) {
    chart.append(svg('line', { x1: left, x2: width - right, y1: y(tick), y2: y(tick), class: 'grid' }),
      svg('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis' }, String(tick)));
  }
  const labelEvery = Math.ceil(days.length / 10);
  days.forEach((day, index) => {
    const x = left + index * slot + slot * 0.1;
    series.forEach((s, n) => {
      const value = day[s.key] ?? 0;
      const bar = svg('rect', {
        x: x + n * barWidth, y: y(value), width: barWidth, height: top + plotHeight - y(value),
        class: `bar ${s.className}`, 'data-day': day.day, 'data-series': s.key, 'data-value': value,
      });
      bar.append(svg('title', {}, `${day.day}: ${value} ${s.label.toLowerCase()}`));
      chart.append(bar);
    });
    if (index % labelEvery === 0) {
      chart.append(svg('text', { x: x + slot * 0.4, y: height - 8, 'text-anchor': 'middle', class: 'axis' }, day.day.slice(5)));
    }
  });
  series.forEach((s, n) => {
    chart.append(svg('rect', { x: left + n * 150, y: 4, width: 12, height: 12, class: `bar ${s.className}` }),
      svg('text', { x: left + n * 150 + 18, y: 14, class: 'legend' }, s.label));
  });
  return chart;
}
