// Condenses BP-10 run folders into what this report keeps: per run, summary.csv (one row per 1000
// episodes: env steps, updates, wall time, mean train return, mean greedy return of the evaluations,
// training episodes that pushed the big box, ε) plus config.json and policy.avf, and one markdown row
// per run on stdout. The full metrics.jsonl (5-6 MB per 40 000-episode run) stays in the run folder.
// Run: node --import tsx results/bp10-avf-40k/summarize.ts [--into <report folder>] <name>=<run folder> ...
// (the per-run folders go into this report's folder unless --into names another one).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Row {
  episode: number;
  envSteps: number;
  updates: number;
  wallSeconds: number;
  trainReturn: number;
  evalReturn?: number;
  epsilon: number;
}

const BIG_BOX = 200; // a BP-10 episode returns above 200 only if the big box (+300) was pushed
const BLOCK = 1000;
const args = process.argv.slice(2);
const into = args[0] === '--into' ? args.splice(0, 2)[1] : new URL('.', import.meta.url).pathname;
const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);
const fixed = (x: number, d = 1) => (Number.isNaN(x) ? '' : x.toFixed(d));

for (const arg of args) {
  const [name, dir] = arg.split('=');
  const rows: Row[] = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const out = join(into, name);
  mkdirSync(out, { recursive: true });
  for (const f of ['config.json', 'policy.avf']) copyFileSync(join(dir, f), join(out, f));
  const lines = ['episode,envSteps,updates,wallSeconds,meanTrainReturn,meanGreedyReturn,bigBoxEpisodes,epsilon'];
  for (let start = 0; start < rows.length; start += BLOCK) {
    const block = rows.slice(start, start + BLOCK), last = block[block.length - 1];
    const evals = block.filter((r) => r.evalReturn !== undefined).map((r) => r.evalReturn as number);
    const big = block.filter((r) => r.trainReturn > BIG_BOX).length;
    lines.push([last.episode, last.envSteps, last.updates, last.wallSeconds.toFixed(0), fixed(mean(block.map((r) => r.trainReturn)), 2),
      fixed(mean(evals), 2), big, last.epsilon.toFixed(3)].join(','));
  }
  writeFileSync(join(out, 'summary.csv'), lines.join('\n') + '\n');
  const last = rows[rows.length - 1];
  const evals = rows.filter((r) => r.evalReturn !== undefined);
  const lastEvals = evals.slice(-10).map((r) => r.evalReturn as number);
  const firstOptimal = evals.find((r) => (r.evalReturn as number) > BIG_BOX)?.episode ?? '—';
  const big = rows.filter((r) => r.trainReturn > BIG_BOX).length;
  const minutes = last.wallSeconds / 60;
  console.log(`| ${name} | ${last.episode} | ${last.envSteps} | ${last.updates} | ${Math.floor(minutes / 60)} h ${String(Math.round(minutes % 60)).padStart(2, '0')} min | ` +
    `${fixed(mean(lastEvals))} | ${firstOptimal} | ${big} |`);
}
