// Line charts as standalone SVG: one or more panels in a grid (rows of at most `columns`), each with labelled ticks on both axes,
// axis titles, and lines with an optional ± band; a legend under the panels. Used for a run's curve.svg
// and for the figures of `avf experiment report`.

export interface Series {
  label: string;
  /** [x, y, band half-width] */
  points: [number, number, number][];
}

export interface Panel {
  title: string;
  series: Series[];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
/** The colour mixed with white (a band under its line, without relying on opacity support). */
function tint(hex: string, white: number): string {
  const c = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  return `#${c.map((v) => Math.round(v + (255 - v) * white).toString(16).padStart(2, '0')).join('')}`;
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 times a power of ten). */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count, power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

const label = (v: number) => (Math.abs(v) >= 10_000 ? `${+(v / 1000).toFixed(1)}k` : `${+v.toFixed(2)}`);

export function plotSvg(panels: readonly Panel[], options: { xLabel: string; yLabel: string; title?: string; columns?: number }): string {
  const PW = 360, PH = 260, left = 62, right = 16, head = options.title ? 30 : 0, bottom = 48;
  const labels = [...new Set(panels.flatMap((p) => p.series.map((s) => s.label)))];
  const columns = Math.max(1, Math.min(panels.length, options.columns ?? 4)), rows = Math.ceil(panels.length / columns);
  const W = columns * (PW + left + right), perRow = Math.max(1, Math.floor((W - 20) / 220)), rowH = 28 + PH + bottom;
  const legendTop = head + rows * rowH + 8, H = legendTop + 22 * Math.ceil(labels.length / perRow);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  if (options.title) out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(options.title)}</text>`);
  panels.forEach((panel, k) => {
    const x0 = (k % columns) * (PW + left + right) + left, top = head + Math.floor(k / columns) * rowH + 28, pts = panel.series.flatMap((s) => s.points);
    const xMax = Math.max(1, ...pts.map((p) => p[0]));
    const yLo = Math.min(0, ...pts.map((p) => p[1] - p[2])), yHi = Math.max(1, ...pts.map((p) => p[1] + p[2]));
    const px = (x: number) => x0 + (PW * x) / xMax, py = (y: number) => top + (PH * (yHi - y)) / (yHi - yLo || 1);
    out.push(`<text x="${x0 + PW / 2}" y="${top - 8}" text-anchor="middle">${esc(panel.title)}</text>`);
    out.push(`<rect x="${x0}" y="${top}" width="${PW}" height="${PH}" fill="none" stroke="#444"/>`);
    for (const t of ticks(0, xMax)) out.push(`<line x1="${px(t)}" y1="${top + PH}" x2="${px(t)}" y2="${top + PH + 4}" stroke="#444"/><text x="${px(t)}" y="${top + PH + 16}" text-anchor="middle">${label(t)}</text>`);
    for (const t of ticks(yLo, yHi)) out.push(`<line x1="${x0 - 4}" y1="${py(t)}" x2="${x0}" y2="${py(t)}" stroke="#444"/><line x1="${x0}" y1="${py(t)}" x2="${x0 + PW}" y2="${py(t)}" stroke="#eee"/><text x="${x0 - 6}" y="${py(t) + 4}" text-anchor="end">${label(t)}</text>`);
    out.push(`<text x="${x0 + PW / 2}" y="${top + PH + 34}" text-anchor="middle">${esc(options.xLabel)}</text>`);
    out.push(`<text transform="translate(${x0 - 46},${top + PH / 2}) rotate(-90)" text-anchor="middle">${esc(options.yLabel)}</text>`);
    panel.series.forEach((s) => {
      if (s.points.length === 0) return;
      const colour = COLOURS[labels.indexOf(s.label) % COLOURS.length];
      if (s.points.some((p) => p[2] > 0)) {
        const upper = s.points.map((p) => `${px(p[0]).toFixed(1)},${py(p[1] + p[2]).toFixed(1)}`);
        const lower = s.points.slice().reverse().map((p) => `${px(p[0]).toFixed(1)},${py(p[1] - p[2]).toFixed(1)}`);
        out.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${tint(colour, 0.8)}" fill-opacity="0.7" stroke="none"/>`);
      }
      out.push(`<polyline points="${s.points.map((p) => `${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    });
  });
  labels.forEach((l, k) => {
    const x = 20 + (k % perRow) * 220, y = legendTop + 22 * Math.floor(k / perRow);
    out.push(`<rect x="${x}" y="${y}" width="18" height="4" fill="${COLOURS[k % COLOURS.length]}"/><text x="${x + 24}" y="${y + 6}">${esc(l)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
