// Run outputs: metrics.jsonl (one line per episode) and curve.svg (evaluation returns, smoothed).
import { appendFileSync, writeFileSync } from 'node:fs';

export interface EpisodeMetrics {
  episode: number;
  envSteps: number;
  trainReturn: number;
  evalReturn?: number;
  loss?: number;
  epsilon: number;
  updates: number;
  wallSeconds: number;
}

export function appendMetrics(path: string, m: EpisodeMetrics): void {
  appendFileSync(path, JSON.stringify(m) + '\n');
}

/** Moving average of the last `window` values (the paper smooths evaluations over 10). */
export function smooth(values: readonly number[], window = 10): number[] {
  return values.map((_, k) => {
    const from = Math.max(0, k - window + 1);
    let sum = 0;
    for (let j = from; j <= k; j++) sum += values[j];
    return sum / (k - from + 1);
  });
}

/** A learning curve as a standalone SVG: smoothed greedy evaluation return against training episodes. */
export function curveSvg(points: readonly [number, number][], title: string): string {
  const W = 640, H = 360, left = 60, right = 20, top = 30, bottom = 40;
  const xs = points.map((p) => p[0]), ys = smooth(points.map((p) => p[1]));
  const xMax = Math.max(1, ...xs), yMin = Math.min(0, ...ys), yMax = Math.max(1, ...ys);
  const px = (x: number) => left + ((W - left - right) * x) / xMax;
  const py = (y: number) => top + ((H - top - bottom) * (yMax - y)) / (yMax - yMin || 1);
  const path = ys.map((y, k) => `${k === 0 ? 'M' : 'L'}${px(xs[k]).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle">${esc(title)}</text>`,
    `<line x1="${left}" y1="${py(yMin)}" x2="${W - right}" y2="${py(yMin)}" stroke="#444"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="#444"/>`,
    `<line x1="${left}" y1="${py(0)}" x2="${W - right}" y2="${py(0)}" stroke="#bbb" stroke-dasharray="4 3"/>`,
    `<text x="${left - 6}" y="${py(yMax) + 4}" text-anchor="end">${yMax.toFixed(1)}</text>`,
    `<text x="${left - 6}" y="${py(yMin) + 4}" text-anchor="end">${yMin.toFixed(1)}</text>`,
    `<text x="${W - right}" y="${H - 12}" text-anchor="end">${xMax} episodes</text>`,
    `<text x="${left}" y="${H - 12}">greedy return (moving average of 10 evaluations)</text>`,
    points.length > 0 ? `<path d="${path}" fill="none" stroke="#1f77b4" stroke-width="2"/>` : '',
    '</svg>',
  ].join('\n');
}

export function writeCurve(path: string, points: readonly [number, number][], title: string): void {
  writeFileSync(path, curveSvg(points, title));
}
