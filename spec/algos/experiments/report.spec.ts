// `avf experiment report` on synthetic run folders with known evaluations: final performance per run
// (mean of the last 10 evaluations), mean ± s.e. over seeds, the paper's value beside, curves and files.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cells, computeOf, finalPerformance, fmt, lateChange, meanSe, readRuns, unionLength, writeReport } from '../../../algos/experiments/report.ts';
import { resolveConfig } from '../../../algos/algorithms.ts';

const test = suite('algos/experiments/report');
const scratch = mkdtempSync(join(tmpdir(), 'avf-report-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

/** A run folder whose 12 evaluations are base, base + 1, …, base + 11 (every 10 episodes). */
function fakeRun(dir: string, env: string, algo: string, seed: number, base: number, stateMode?: string): void {
  const config = resolveConfig({ env, algo, seed, episodes: 120, ...(stateMode ? { stateMode } : {}) } as never);
  const folder = join(dir, 'runs', `${env}__${algo}__s${seed}${stateMode ? `__${stateMode}` : ''}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
  const lines = Array.from({ length: 120 }, (_, k) => JSON.stringify({ episode: k + 1, ...((k + 1) % 10 === 0 ? { evalReturn: base + (k + 1) / 10 - 1 } : {}), wallSeconds: 1 }));
  writeFileSync(join(folder, 'metrics.jsonl'), lines.join('\n') + '\n');
}

test('mean, standard error and final performance', () => {
  const [m, se] = meanSe([2, 4, 6]);
  assert.ok(m === 4 && Math.abs(se - 2 / Math.sqrt(3)) < 1e-12, `${m} ± ${se}`);
  assert.equal(meanSe([5]), [5, 0]);
  assert.is(finalPerformance(Array.from({ length: 12 }, (_, k) => [10 * k, k] as [number, number])), 6.5); // mean of 2 … 11
});

test('last-quarter change: final performance against the 10 evaluations ending at three quarters', () => {
  const ramp = (n: number) => Array.from({ length: n }, (_, k) => [10 * k, k] as [number, number]);
  assert.is(lateChange(ramp(12)), 6.5 - 4); // evaluations 0 … 8 end at 9 = ⌊12 · 3/4⌋
  assert.is(lateChange(ramp(100)), 94.5 - 69.5); // 90 … 99 against 65 … 74
  assert.is(lateChange(Array.from({ length: 40 }, (_, k) => [k, 7] as [number, number])), 0);
  assert.ok(Number.isNaN(lateChange(ramp(3))));
});

test('returns printed to 3 significant figures, whole from 100, the digits chosen after rounding', () => {
  assert.equal([0.2, 9.99, -9.99999, 12.34, 99.94, 99.96, -123.4].map(fmt), ['0.20', '9.99', '-10.0', '12.3', '99.9', '100', '-123']);
});

test('wall time: the union of runner sessions, overlaps counted once', () => {
  assert.is(unionLength([]), 0);
  assert.is(unionLength([[0, 10], [5, 12], [20, 30], [21, 22]]), 22);
  assert.is(unionLength([[20, 30], [0, 10]]), 20);
});

/** A finished BP-10 AVF-VDN run of the given seed whose done.json records its wall time and finishing time. */
function finishedRun(dir: string, seed: number, at: number, wallSeconds: number): void {
  fakeRun(dir, 'bp-10', 'avf-vdn', seed, 0);
  writeFileSync(join(dir, 'runs', `bp-10__avf-vdn__s${seed}`, 'done.json'), JSON.stringify({ episodes: 120, wallSeconds, finishedAt: new Date(at).toISOString() }));
}

test('wall time: runs finished outside every recorded runner session add their own training time', () => {
  const dir = join(scratch, 'wall'), t0 = Date.parse('2026-11-30T00:00:00Z'), hour = 3_600_000;
  finishedRun(dir, 0, t0 + 0.5 * hour, 1800); // inside the recorded session
  writeFileSync(join(dir, 'runner.jsonl'), JSON.stringify({ startedAt: new Date(t0).toISOString(), endedAt: new Date(t0 + hour).toISOString() }) + '\n');
  let c = computeOf(dir, readRuns(dir));
  assert.is(c.unrecorded, 0);
  assert.is(c.wallHours, 1);
  finishedRun(dir, 1, t0 + 3 * hour, 3600); // [2h, 3h]
  finishedRun(dir, 2, t0 + 3.5 * hour, 3600); // [2.5h, 3.5h], overlapping it
  c = computeOf(dir, readRuns(dir));
  assert.is(c.unrecorded, 2);
  assert.ok(Math.abs(c.wallHours! - 2.5) < 1e-9, `${c.wallHours}`);
  assert.is(c.coreHours, 2.5);
  assert.match(writeReport(dir, 'wall'), /Wall time: 2\.5 hours over 1 runner session recorded in runner\.jsonl and the training time of 2 runs that finished outside them/);
});

test('wall time with no runner session recorded: only the runs\' own training time, no count of sessions', () => {
  const dir = join(scratch, 'wall0');
  finishedRun(dir, 0, Date.parse('2026-11-30T00:00:00Z'), 1800);
  const c = computeOf(dir, readRuns(dir));
  assert.is(c.sessions, 0);
  assert.is(c.wallHours, 0.5);
  const text = writeReport(dir, 'wall0');
  assert.match(text, /Wall time: 0\.5 hours: the training time of 1 run that finished outside any runner session recorded in runner\.jsonl/);
  assert.not.match(text, /over 0 runner sessions/);
});

test('cells over seeds, the REPORT with paper values, summary.csv and the figure', () => {
  const dir = join(scratch, 'exp');
  for (const [seed, base] of [[0, 0], [1, 3], [2, 6]]) fakeRun(dir, 'ct-10', 'avf-qplex', seed, base);
  fakeRun(dir, 'ct-10', 'avf-qmix', 0, 100);
  fakeRun(dir, 'bp-10', 'avf-qmix', 0, 1, 'real');
  const all = cells(readRuns(dir)), qplex = all.find((c) => c.method === 'avf-qplex')!;
  // per run: the mean of evaluations 3 … 12 is base + 6.5; over seeds 6.5, 9.5, 12.5 -> 9.5 ± √3
  assert.is(qplex.seeds, 3);
  assert.ok(Math.abs(qplex.final[0] - 9.5) < 1e-9 && Math.abs(qplex.final[1] - Math.sqrt(3)) < 1e-9, String(qplex.final));
  assert.is(qplex.curve.length, 12);
  assert.equal(qplex.curve[0], [10, 3, Math.sqrt(3)]); // first evaluation of each seed: 0, 3, 6
  assert.ok(all.some((c) => c.method === 'avf-qmix (real)' && c.env === 'bp-10'));
  const text = writeReport(dir, 'demo');
  assert.match(text, /\| avf-qplex \| 3 \| 120 \| 9\.50 ± 1\.73 \| 6\.50 \/ 9\.50 \/ 12\.5 \| \+2\.50 ± 0\.00 \| 0\.61 ± 0\.09 \|/);
  assert.equal(qplex.perSeed, [6.5, 9.5, 12.5]);
  const csv = readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n');
  assert.is(csv[0], 'env,method,episode,mean,se,seeds');
  assert.is(csv.length, 1 + 12 * 3);
  const svg = readFileSync(join(dir, 'demo.svg'), 'utf8');
  assert.ok(svg.startsWith('<svg') && svg.includes('>ct-10<') && svg.includes('>bp-10<') && svg.includes('training episodes'));
});

test('envs in the paper\'s order (BP, WTD, CT), the figure\'s panels in rows of at most 4', () => {
  const dir = join(scratch, 'order');
  const envs = ['bp-10', 'bp-20', 'bp-30', 'wtd-s', 'wtd-d', 'wtd-t', 'wtd-t1', 'ct-10']; // run folders sort otherwise: ct-10 before wtd-*
  for (const env of envs) fakeRun(dir, env, 'avf-vdn', 0, 0);
  const text = writeReport(dir, 'order');
  const at = envs.map((env) => text.indexOf(`## ${env}\n`));
  assert.ok(at.every((p, k) => p >= 0 && (k === 0 || p > at[k - 1])), `${at}`);
  const svg = readFileSync(join(dir, 'order.svg'), 'utf8');
  const frames = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="360" height="260"/g)].map((m) => [+m[1], +m[2]]);
  assert.is(frames.length, 8);
  assert.is(new Set(frames.map(([x]) => x)).size, 4);
  assert.is(new Set(frames.map(([, y]) => y)).size, 2);
  assert.ok(frames.slice(0, 4).every(([, y]) => y < frames[4][1]), 'bp-10 … wtd-s on the first row');
});

test.run();
