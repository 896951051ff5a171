// One markdown table row per run folder, for this report: env steps, updates, wall time, the last 10
// greedy evaluations and their mean, the first evaluation above 200 (the big box), and the training
// episodes that pushed the big box (a BP-10 return above 200 needs the +300; App. D's +100 is counted
// as above 80 with --big 80).
// --at N reads each run up to episode N (runs cut at a stated budget before their configured end).
// Run: node --import tsx results/bp10-dispute/rows.ts [--big 200] [--at N] <run folder> ...
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const k = args.indexOf(name);
  return k < 0 ? fallback : Number(args.splice(k, 2)[1]);
};
const big = option('--big', 200), at = option('--at', Infinity);
const group = (n: number) => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
for (const dir of args) {
  const rows = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>).filter((r) => r.episode <= at);
  const last = rows.at(-1)!, evals = rows.filter((r) => r.evalReturn !== undefined);
  const tail = evals.slice(-10).map((r) => r.evalReturn), mean = tail.reduce((a, b) => a + b, 0) / tail.length;
  const first = evals.find((r) => r.evalReturn > big)?.episode;
  const bigEpisodes = rows.filter((r) => r.trainReturn > big).length;
  const wall = last.wallSeconds < 90 ? `${Math.round(last.wallSeconds)} s` : `${Math.round(last.wallSeconds / 60)} min`;
  console.log(`| ${basename(dir)} | ${group(last.episode)} | ${group(last.envSteps)} | ${group(last.updates)} | ${wall} | ${tail.map((v) => v.toFixed(1)).join(' ')} | ${mean.toFixed(1)} | ${first === undefined ? '—' : group(first)} | ${bigEpisodes} |`);
}
