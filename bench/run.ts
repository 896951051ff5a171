// Runs the benchmark suites, each in its own fresh process (so one suite's JIT state cannot slow
// another), then writes bench/results/summary.json and prints a Markdown table for the README.
// Arguments pick suites by name: `npm run bench -- matmul update`. Results go to bench/results/, or to
// AVF_BENCH_OUT when set (`avf bench --out DIR`).
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { RESULTS_DIR, type BenchRow } from './_support.ts';

const SUITES = ['update', 'packing', 'matmul', 'fused', 'elementwise', 'envs', 'acting'];
/** run only when named: the PyTorch peer comparison (needs python3 with torch), the end-to-end runs (minutes), one thread against two */
const OPTIONAL = ['peer', 'e2e', 'second-core'];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((s) => !SUITES.includes(s) && !OPTIONAL.includes(s));
if (unknown.length > 0) {
  console.error(`unknown bench suite(s): ${unknown.join(', ')} (available: ${[...SUITES, ...OPTIONAL].join(', ')})`);
  process.exit(2);
}
const suites = chosen.length > 0 ? chosen : SUITES;
const here = new URL('.', import.meta.url).pathname;
mkdirSync(RESULTS_DIR, { recursive: true });
// suites not run this time keep their previous results (each carries its own date)
const previous = existsSync(`${RESULTS_DIR}summary.json`) ? JSON.parse(readFileSync(`${RESULTS_DIR}summary.json`, 'utf8')) : { suites: {} };
const summary: { machine: Record<string, unknown>; suites: Record<string, unknown> } = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, threads: 1 },
  suites: previous.suites ?? {},
};
for (const suite of suites) {
  console.error(`== bench ${suite}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${here}${suite}.bench.ts`], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`bench ${suite} failed (exit ${r.status})`);
    process.exit(1);
  }
  summary.suites[suite] = { date: new Date().toISOString(), ...JSON.parse(readFileSync(`${RESULTS_DIR}${suite}.derived.json`, 'utf8')) };
}
writeFileSync(`${RESULTS_DIR}summary.json`, JSON.stringify(summary, null, 2) + '\n');
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`\n${summary.machine.cpu}, Node ${process.version}, one thread\n`);
console.log('| suite | case | ops/s | GFLOP/s | method |');
console.log('|---|---|---|---|---|');
for (const [suite, data] of Object.entries(summary.suites)) {
  for (const row of (data as { rows: BenchRow[] }).rows) {
    console.log(`| ${suite} | ${row.name} | ${fmt(row.opsPerSec)} | ${row.gflops === undefined ? '' : fmt(row.gflops)} | ${row.method}${row.marginPercent === undefined ? '' : ` ±${row.marginPercent}%`} |`);
  }
}
const update = summary.suites.update as { allocation?: Record<string, number> } | undefined;
if (update?.allocation) console.log(`\nsteady-state allocation: ${JSON.stringify(update.allocation)}`);
