// node --import tsx results/paper/session.ts [hours per core, default 2.6] [--out DIR, default /tmp/avf-session]
// A session's work on a 2-core machine whose training checkpoints need not survive the session: the runs left
// (remaining-runs.ts) packed into two queues of at most `hours` each, in the order of work, each queue longest run
// first (an overrun then costs a short run). For every run DIR gets a one-run plan file (the plan's name, the run's
// grid row, its seed and episodes: the same config, so the same run folder) and a script per queue; copy.sh copies the
// runs another plan's folder has finished (--reuse, no training). Run from the repository: bash DIR/copy.sh, then
// nohup bash DIR/core-1.sh & and nohup bash DIR/core-2.sh & ($AVF, default `node bin/avf.js`, may name another
// checkout's CLI, so that editing this one does not change the runs still to start).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remainingRuns, type LeftRun } from './remaining-runs.ts';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const dir = outAt >= 0 ? args[outAt + 1] : '/tmp/avf-session';
const positional = args.filter((_, k) => k !== outAt && k !== outAt + 1);
const hours = positional.length > 0 ? Number(positional[0]) : 2.6;
if (!(hours > 0) || dir === undefined) {
  console.error('usage: session.ts [hours per core > 0] [--out DIR]');
  process.exit(2);
}

const CORES = 2;
const left = remainingRuns();
const queues: LeftRun[][] = Array.from({ length: CORES }, () => []);
const load = new Array<number>(CORES).fill(0);
const skipped: string[] = [];
for (const r of left.filter((r) => !r.copy && !r.counted)) {
  if (r.hours === null) { skipped.push(`${r.entry.folder}/${r.id}: no estimate`); continue; }
  const core = load.indexOf(Math.min(...load)); // the one with the most time left
  if (load[core] + r.hours > hours) continue;
  queues[core].push(r);
  load[core] += r.hours;
}

mkdirSync(dir, { recursive: true });
const command = (r: LeftRun, file: string) =>
  `\${AVF:-node bin/avf.js} experiment run ${file} --out results/paper/${r.entry.folder} --jobs 1${r.entry.reuse.length ? ` --reuse ${r.entry.reuse.map((p) => `results/paper/${p}`).join(',')}` : ''}`;
const planFile = (r: LeftRun, name: string) => {
  const file = join(dir, `${name}.json`);
  const plan = { name: r.plan.name, description: r.plan.description, seeds: [r.config.seed], episodes: r.config.episodes, runs: [r.row] };
  writeFileSync(file, JSON.stringify(plan) + '\n');
  return file;
};

const copies = left.filter((r) => r.copy);
writeFileSync(join(dir, 'copy.sh'), ['set -e', ...copies.map((r) => command(r, planFile(r, `copy-${r.entry.folder}-${r.id}`)))].join('\n') + '\n');
console.log(`${dir}/copy.sh: ${copies.length} runs copied from other plans' folders`);
queues.forEach((q, c) => {
  q.sort((a, b) => b.hours! - a.hours!);
  const lines = q.map((r, k) => command(r, planFile(r, `core-${c + 1}-${String(k + 1).padStart(2, '0')}-${r.entry.folder}-${r.id}`)));
  writeFileSync(join(dir, `core-${c + 1}.sh`), lines.join('\n') + '\n');
  console.log(`${dir}/core-${c + 1}.sh: ${load[c].toFixed(2)} h`);
  for (const r of q) console.log(`  ${r.entry.folder}/${r.id} ${r.hours!.toFixed(2)} h`);
});
for (const s of skipped) console.log(`not queued (${s})`);
