// node --import tsx results/paper/remaining.ts: the runs left in each plan (seeds 0-2, the commands of README.md) and an estimate of their
// core-hours, each the mean wall time of finished runs (avf 0.2.0, else 0.1.0) with the same env, algo, primitive, stateMode and episodes
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainConfig } from '../../algos/config.ts';
import { loadPlan, resolvePlan, type Scale } from '../../algos/experiments/plans.ts';
import { readRuns, type RunData } from '../../algos/experiments/report.ts';
import { readDone } from '../../algos/run/run-folder.ts';

const here = new URL('.', import.meta.url).pathname;
// [plan folder, plan name or file, --scale, --reuse folders]
const PLANS: [string, string, Scale | undefined, string[]][] = [
  ['table1-paper', join(here, 'table1-paper/plan-file.json'), 'paper', []],
  ['table3', 'table3', 'quarter', []],
  ['fig5', 'fig5', 'quarter', ['fig4']],
  ['fig8', 'fig8', 'quarter', ['fig4']],
  ['fig4', 'fig4', 'quarter', ['fig5', 'fig8']],
  ['ablations', join(here, 'ablations/plan-file.json'), undefined, ['fig4', 'fig5', 'table1-paper']],
];

const key = (c: TrainConfig) => [c.env, c.algo, c.primitive, c.stateMode, c.episodes].join('|');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const finished = new Map<string, RunData[]>();
for (const p of readdirSync(here)) {
  if (existsSync(join(here, p, 'runs'))) finished.set(p, readRuns(join(here, p)).filter((r) => r.done));
}

// hours of every run trained in its own folder, by engine version
const hours = { current: new Map<string, number[]>(), older: new Map<string, number[]>() };
for (const [p, runs] of finished) {
  for (const r of runs) {
    if (r.reused || r.wallSeconds === null) continue;
    const m = readDone(join(here, p, 'runs', r.id))?.avf === '0.2.0' ? hours.current : hours.older;
    const k = key(r.config);
    m.set(k, [...(m.get(k) ?? []), r.wallSeconds / 3600]);
  }
}

const counted = new Set<string>();
let total = 0;
for (const [folder, plan, scale, reuse] of PLANS) {
  const have = new Set([folder, ...reuse].flatMap((p) => (finished.get(p) ?? []).map((r) => r.id)));
  const left = resolvePlan(loadPlan(plan), { seeds: [0, 1, 2], ...(scale ? { scale } : {}) }).filter((r) => !have.has(r.id));
  let sum = 0;
  const lines: string[] = [];
  for (const r of left) {
    if (counted.has(r.id)) { lines.push(`  ${r.id} (counted in an earlier plan)`); continue; }
    counted.add(r.id);
    const t = hours.current.get(key(r.config)) ?? hours.older.get(key(r.config)) ?? hours.current.get(key({ ...r.config, stateMode: 'joint-macro' }));
    if (t) sum += mean(t);
    lines.push(`  ${r.id} ${t ? `${mean(t).toFixed(2)} h (${t.length})` : 'no estimate'}`);
  }
  total += sum;
  console.log([`${folder}: ${left.length} runs, ${sum.toFixed(1)} core-hours`, ...lines].join('\n'));
}
console.log(`total ${total.toFixed(1)} core-hours`);
