// Run outputs: metrics.jsonl (one line per episode) and curve.svg (evaluation returns, smoothed).
import { appendFileSync, writeFileSync } from 'node:fs';
import { plotSvg } from './svg-plot.ts';

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
  const ys = smooth(points.map((p) => p[1]));
  const series = { label: 'greedy return, moving average of 10 evaluations', points: points.map(([x], k): [number, number, number] => [x, ys[k], 0]) };
  return plotSvg([{ title, series: [series] }], { xLabel: 'training episodes', yLabel: 'return' });
}

export function writeCurve(path: string, points: readonly [number, number][], title: string): void {
  writeFileSync(path, curveSvg(points, title));
}
