// Shared bench plumbing: run a benny suite, save its JSON under bench/results/, return rows with
// derived figures (GFLOP/s where a case declares its flop count).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BenchCase {
  name: string;
  fn: () => unknown;
  /** floating-point operations of one call, for GFLOP/s */
  flops?: number;
}

export interface BenchRow {
  suite: string;
  name: string;
  opsPerSec: number;
  /** benny's relative margin of error; absent for plain timed loops */
  marginPercent?: number;
  gflops?: number;
  /** how the figure was taken: 'benny' or 'timed loop' */
  method: string;
}

/** Where results go: AVF_BENCH_OUT (set by `avf bench --out DIR`), else bench/results/ (the committed record). */
export const RESULTS_DIR = process.env.AVF_BENCH_OUT ? `${resolve(process.env.AVF_BENCH_OUT)}/` : new URL('./results/', import.meta.url).pathname;

/**
 * Runs the cases under benny. benny (benchmark.js, lodash) is imported here, on first use, not at load:
 * merely loading it slows the canonical update by about 12% in the same process (measured 0.228 vs
 * 0.200 s per update), so plain timed loops run before it is loaded.
 */
export async function runSuite(suite: string, cases: BenchCase[], maxTime = 2): Promise<BenchRow[]> {
  maxTime = Number(process.env.AVF_BENCH_MAX_TIME ?? maxTime); // seconds per case; the CLI spec runs a quick pass
  const { default: b } = await import('benny');
  const summary = await b.suite(
    suite,
    b.configure({ minDisplayPrecision: 3 }),
    ...cases.map((c) => b.add(c.name, () => { c.fn(); }, { maxTime, minSamples: 5 })),
    // log-update redraws with cursor codes; piped output gets one plain line per finished case instead
    process.stdout.isTTY ? b.cycle() : b.cycle((r) => { console.log(`  ${r.name}: ${r.ops} ops/s ±${r.margin}%`); }),
    b.complete(),
    b.save({ file: suite, folder: RESULTS_DIR, format: 'json', details: false, version: null }),
  );
  return summary.results.map((r, i) => {
    const flops = cases[i].flops;
    const row: BenchRow = { suite, name: r.name, opsPerSec: r.ops, marginPercent: r.margin, method: 'benny' };
    if (flops !== undefined) row.gflops = (r.ops * flops) / 1e9;
    return row;
  });
}

export function randomArray(n: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

/** Median seconds per call over `runs` calls, after `warmup` calls. */
export function timeLoop(fn: () => unknown, runs = 20, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push((performance.now() - t) / 1000);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(runs / 2)];
}

/** Writes a suite's rows (and any extra facts) to results/<suite>.derived.json for bench/run.ts. */
export function saveDerived(suite: string, rows: BenchRow[], extra: Record<string, unknown> = {}): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}${suite}.derived.json`, JSON.stringify({ suite, rows, ...extra }, null, 2) + '\n');
}

/** True when the file is run directly (`node --import tsx bench/x.bench.ts`). */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && new URL(url).pathname === process.argv[1];
}
