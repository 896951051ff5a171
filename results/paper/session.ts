// node --import tsx results/paper/session.ts [hours per core, default 2.6] [--out DIR, default /tmp/avf-session] [--slow F] [--carry]
// A session's work on a 2-core machine whose training checkpoints need not survive the session: the runs left
// (remaining-runs.ts) packed into two queues of at most `hours` each, in the order of work, each queue longest run
// first (an overrun then costs a short run) but for runs carried part-way over the last stop (carry/, README.md): they
// are packed and started first,
// each copied back into its plan folder before it resumes. For every run DIR gets a one-run plan file (the plan's name, the run's
// grid row, its seed and episodes: the same config, so the same run folder) and a script per queue; copy.sh copies the
// runs another plan's folder has finished (--reuse, no training). Run from the repository: bash DIR/copy.sh, then
// nohup bash DIR/core-1.sh & and nohup bash DIR/core-2.sh & ($AVF, default `node bin/avf.js`, may name another
// checkout's CLI, so that editing this one does not change the runs still to start). --slow F multiplies every estimate
// (default 1): the estimates are earlier machines' wall times, and session 23's machine took 1.6-1.8x as long.
// --carry lets a run longer than a session start a queue of its own, to be carried over the stop (README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remainingRuns, type LeftRun } from './remaining-runs.ts';

const args = process.argv.slice(2);
const option = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const dir = option('--out') ?? '/tmp/avf-session';
const slow = Number(option('--slow') ?? 1);
const positional = args.filter((a, k) => !a.startsWith('--') && !['--out', '--slow'].includes(args[k - 1]));
const hours = positional.length > 0 ? Number(positional[0]) : 2.6;
const carry = args.includes('--carry');
if (!(hours > 0) || !(slow > 0) || dir.startsWith('--')) {
  console.error('usage: session.ts [hours per core > 0] [--out DIR] [--slow F > 0] [--carry]');
  process.exit(2);
}

const CORES = 2;
const left = remainingRuns();
const queues: LeftRun[][] = Array.from({ length: CORES }, () => []);
const load = new Array<number>(CORES).fill(0);
const skipped: string[] = [];
const toTrain = left.filter((r) => !r.copy && !r.counted).map((r) => ({ ...r, hours: r.hours === null ? null : r.hours * slow }));
for (const r of [...toTrain.filter((r) => r.carried > 0), ...toTrain.filter((r) => r.carried === 0)]) {
  if (r.hours === null) { skipped.push(`${r.entry.folder}/${r.id}: no estimate`); continue; }
  const core = load.indexOf(Math.min(...load)); // the one with the most time left
  if (load[core] + r.hours > hours && !(carry && load[core] === 0)) continue;
  queues[core].push(r);
  load[core] += r.hours;
}

mkdirSync(dir, { recursive: true });
const command = (r: LeftRun, file: string) =>
  (r.carried > 0 ? `cp -rn results/paper/carry/${r.entry.folder}/${r.id} results/paper/${r.entry.folder}/runs/ && ` : '') +
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
  q.sort((a, b) => Number(b.carried > 0) - Number(a.carried > 0) || b.hours! - a.hours!); // carried runs start first
  const lines = q.map((r, k) => command(r, planFile(r, `core-${c + 1}-${String(k + 1).padStart(2, '0')}-${r.entry.folder}-${r.id}`)));
  writeFileSync(join(dir, `core-${c + 1}.sh`), lines.join('\n') + '\n');
  console.log(`${dir}/core-${c + 1}.sh: ${load[c].toFixed(2)} h`);
  for (const r of q) console.log(`  ${r.entry.folder}/${r.id} ${r.hours!.toFixed(2)} h${r.carried > 0 ? ` (carried from episode ${r.carried})` : ''}`);
});
for (const s of skipped) console.log(`not queued (${s})`);
