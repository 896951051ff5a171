// node --import tsx results/paper/remaining.ts: the runs left in each plan (seeds 0-2, the commands of README.md) and an estimate of their
// core-hours, each the mean wall time of finished runs (avf 0.2.0, else 0.1.0) with the same env, algo, primitive, stateMode and episodes
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadPlan, resolvePlan } from '../../algos/experiments/plans.ts';
const R = 'results/paper';
const jobs: [string, string, 'quarter' | 'paper' | undefined, string[]][] = [
  ['table1-paper', 'results/paper/table1-paper/plan-file.json', 'paper', []],
  ['table3', 'table3', 'quarter', []],
  ['fig5', 'fig5', 'quarter', ['fig4']],
  ['fig8', 'fig8', 'quarter', ['fig4']],
  ['fig4', 'fig4', 'quarter', ['fig5']],
  ['ablations', 'results/paper/ablations/plan-file.json', undefined, ['fig4', 'fig5', 'table1-paper']],
];
const key = (c: any) => [c.env, c.algo, c.primitive, c.stateMode, c.episodes].join('|');
const times = new Map<string, number[]>(), older = new Map<string, number[]>();
for (const p of readdirSync(R)) {
  const runs = `${R}/${p}/runs`; if (!existsSync(runs)) continue;
  for (const r of readdirSync(runs)) {
    const d = `${runs}/${r}`;
    if (!existsSync(`${d}/done.json`) || existsSync(`${d}/reused.json`)) continue;
    const done = JSON.parse(readFileSync(`${d}/done.json`, 'utf8')); const m = done.avf === '0.2.0' ? times : older;
    const k = key(JSON.parse(readFileSync(`${d}/config.json`, 'utf8')));
    m.set(k, [...(m.get(k) ?? []), done.wallSeconds / 3600]);
  }
}
const doneIds = (p: string) => new Set(existsSync(`${R}/${p}/runs`) ? readdirSync(`${R}/${p}/runs`).filter((r) => existsSync(`${R}/${p}/runs/${r}/done.json`)) : []);
const planned = new Set<string>();
let total = 0;
for (const [name, src, scale, reuse] of jobs) {
  const have = [name, ...reuse].map(doneIds);
  const left = resolvePlan(loadPlan(src), { seeds: [0, 1, 2], ...(scale ? { scale } : {}) }).filter((r) => !have.some((s) => s.has(r.id)));
  let h = 0; const lines: string[] = [];
  for (const r of left) {
    if (planned.has(r.id)) { lines.push(`  ${r.id} (counted in an earlier plan)`); continue; }
    planned.add(r.id);
    const t = times.get(key(r.config)) ?? older.get(key(r.config)) ?? times.get(key({ ...r.config, stateMode: 'joint-macro' }));
    const e = t ? t.reduce((a, b) => a + b, 0) / t.length : NaN; h += e || 0;
    lines.push(`  ${r.id} ${t ? e.toFixed(2) + ' h (' + t.length + ')' : 'no estimate'}`);
  }
  total += h;
  console.log(`${name}: ${left.length} runs, ${h.toFixed(1)} core-hours`); console.log(lines.join('\n'));
}
console.log(`total ${total.toFixed(1)} core-hours`);
