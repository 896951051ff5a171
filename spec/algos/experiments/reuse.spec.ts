// Runs shared between plans (`avf experiment run --reuse DIR`): a finished run with the same config is
// copied, not trained (same metrics and policy bytes, reused.json, config.json pointing at its new folder);
// a run whose config differs in anything that shapes its result (here: episodes) is trained; the report
// counts compute trained here apart from compute reused, and the runner's sessions give the wall time.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { avfSync } from '../../_support/avf-process.ts';
import { reuseRuns, sameRun } from '../../../algos/experiments/reuse.ts';
import { releaseLock, takeLock } from '../../../algos/experiments/lock.ts';
import { readSessions } from '../../../algos/experiments/report.ts';
import { resolvePlan, loadPlan } from '../../../algos/experiments/plans.ts';
import { resolveConfig } from '../../../algos/algorithms.ts';

const test = suite('algos/experiments/reuse');
const scratch = mkdtempSync(join(tmpdir(), 'avf-reuse-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));
const avf = avfSync;
const tiny = { horizon: 30, hidden: 16, startTrain: 3, evalEvery: 5, batchSize: 8, checkpointEvery: 5 };
function plan(name: string, episodes: number, algos: string[]): string {
  const path = join(scratch, `${name}.json`);
  writeFileSync(path, JSON.stringify({ name, seeds: [0], episodes, runs: [{ env: 'bp-10', algo: algos, ...tiny }] }));
  return path;
}
const read = (dir: string, id: string, file: string) => readFileSync(join(dir, 'runs', id, file));
/** The run id of an algorithm in an experiment folder (ids carry the hash of the tiny settings). */
const idOf = (dir: string, algo: string) => readdirSync(join(dir, 'runs')).find((id) => id.startsWith(`bp-10__${algo}__s0`))!;

test('sameRun: equal but for the folder and the checkpoint cadence', () => {
  const a = resolveConfig({ env: 'bp-10', algo: 'avf-qmix', seed: 1, out: 'x', checkpointEvery: 5 });
  assert.ok(sameRun(a, { ...a, out: 'y', checkpointEvery: 100, checkpointSeconds: 1 }));
  assert.not.ok(sameRun(a, { ...a, episodes: a.episodes + 1 }));
  assert.not.ok(sameRun(a, { ...a, stateMode: 'real' }));
});

test('a finished run with the same config is copied, a different one trained; the report tells them apart', () => {
  const first = join(scratch, 'first'), second = join(scratch, 'second');
  assert.is(avf(['experiment', 'run', plan('a', 12, ['avf-vdn', 'avf-qmix']), '--out', first, '--jobs', '2']).status, 0);
  // second plan: avf-vdn and avf-qmix as in the first (reused), avf-qplex new (trained)
  const r = avf(['experiment', 'run', plan('b', 12, ['avf-vdn', 'avf-qmix', 'avf-qplex']), '--out', second, '--jobs', '2', '--reuse', first]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /reused 2 finished runs from/);
  assert.match(r.stdout, /1 finished, 2 reused, 0 already done, 0 failed/);
  for (const id of [idOf(first, 'avf-vdn'), idOf(first, 'avf-qmix')]) {
    assert.equal(read(second, id, 'metrics.jsonl'), read(first, id, 'metrics.jsonl'));
    assert.equal(read(second, id, 'policy.avf'), read(first, id, 'policy.avf'));
    assert.equal(read(second, id, 'done.json'), read(first, id, 'done.json'));
    assert.is(JSON.parse(read(second, id, 'config.json').toString()).out, join(second, 'runs', id));
    assert.is(JSON.parse(read(second, id, 'reused.json').toString()).from, join('..', 'first', 'runs', id));
  }
  assert.not.ok(existsSync(join(second, 'runs', idOf(second, 'avf-qplex'), 'reused.json')));
  const report = avf(['experiment', 'report', second]);
  assert.is(report.status, 0, report.stderr);
  assert.match(report.stdout, /Compute: 1 finished run trained here, [\d.]+ core-hours \(sum of their wall times\); 2 reused from other experiment folders/);
  assert.match(report.stdout, /Wall time: [\d.]+ hours over 1 runner session recorded in runner\.jsonl/);
  const log = readFileSync(join(second, 'runner.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(log.length, 1);
  assert.ok(log[0].finished === 1 && log[0].reused === 2 && log[0].skipped === 0 && log[0].failed === 0, JSON.stringify(log[0]));
});

test('a longer budget is not the same run: it trains, the source stays untouched', () => {
  const first = join(scratch, 'first'), third = join(scratch, 'third');
  const id = idOf(first, 'avf-vdn'), before = read(first, id, 'metrics.jsonl');
  const r = avf(['experiment', 'run', plan('c', 14, ['avf-vdn']), '--out', third, '--jobs', '1', '--reuse', first]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /reused 0 finished runs/);
  assert.match(r.stdout, /1 finished, 0 already done/);
  assert.is(idOf(third, 'avf-vdn'), id); // episodes are not part of the id: same folder name, different run
  assert.is(read(third, id, 'metrics.jsonl').toString().trim().split('\n').length, 14);
  assert.equal(read(first, id, 'metrics.jsonl'), before);
  assert.not.ok(existsSync(join(third, 'runs', id, 'reused.json')));
});

test('a longer budget is named when it blocks reuse', () => {
  const r = avf(['experiment', 'run', plan('c', 14, ['avf-vdn']), '--out', join(scratch, 'third'), '--jobs', '1', '--reuse', join(scratch, 'first')]);
  assert.is(r.status, 0, r.stderr); // already finished there: nothing to do, nothing to copy
  const fresh = avf(['experiment', 'run', plan('e', 14, ['avf-vdn']), '--out', join(scratch, 'fourth'), '--jobs', '1', '--reuse', join(scratch, 'first')]);
  assert.match(fresh.stderr, /not reused: 1 finished run with the same id but another config \(episodes\); they are trained here/);
});

test('a run finished here at fewer episodes is replaced by a source\'s run at the plan\'s budget', () => {
  const fifth = join(scratch, 'fifth'), id = idOf(join(scratch, 'first'), 'avf-vdn');
  cpSync(join(scratch, 'first'), fifth, { recursive: true }); // its avf-vdn run: 12 episodes
  const r = avf(['experiment', 'run', plan('c', 14, ['avf-vdn']), '--out', fifth, '--jobs', '1', '--reuse', join(scratch, 'third')]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /reused 1 finished run from/);
  assert.match(r.stdout, /0 finished, 1 reused, 0 already done/);
  assert.equal(read(fifth, id, 'metrics.jsonl'), read(join(scratch, 'third'), id, 'metrics.jsonl'));
  assert.is(JSON.parse(read(fifth, id, 'done.json').toString()).episodes, 14);
});

test('a locked run folder is not copied into; once released it is', () => {
  const first = join(scratch, 'first'), target = join(scratch, 'locked');
  const runs = resolvePlan(loadPlan(plan('a', 12, ['avf-vdn', 'avf-qmix']))).filter((r) => r.config.algo === 'avf-vdn');
  const folder = join(target, 'runs', runs[0].id);
  cpSync(join(scratch, 'first', 'runs', runs[0].id, 'config.json'), join(folder, 'config.json')); // mkdir -p by hand
  assert.is(takeLock(folder, process.pid), 'taken');
  assert.equal(reuseRuns(runs, target, [first]).copied, []);
  assert.not.ok(existsSync(join(folder, 'done.json')));
  releaseLock(folder);
  assert.equal(reuseRuns(runs, target, [first]).copied, [runs[0].id]);
  assert.ok(existsSync(join(folder, 'done.json')) && !existsSync(join(folder, 'lock.json')));
});

test('a copy cut short before its done marker is trained by the next runner, which drops reused.json', () => {
  const first = join(scratch, 'first'), cut = join(scratch, 'cut'), id = idOf(first, 'avf-vdn');
  cpSync(join(first, 'runs', id), join(cut, 'runs', id), { recursive: true });
  rmSync(join(cut, 'runs', id, 'done.json'));
  writeFileSync(join(cut, 'runs', id, 'reused.json'), JSON.stringify({ from: 'x', at: 'y' }));
  const r = avf(['experiment', 'run', plan('f', 12, ['avf-vdn']), '--out', cut, '--jobs', '1']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 finished, 0 already done/);
  assert.not.ok(existsSync(join(cut, 'runs', id, 'reused.json')));
  assert.equal(read(cut, id, 'metrics.jsonl').toString().split('\n').length, read(first, id, 'metrics.jsonl').toString().split('\n').length);
});

test('runner sessions: torn or foreign lines are skipped, an empty log gives none', () => {
  assert.equal(readSessions(''), []);
  const ok = JSON.stringify({ startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T01:00:00Z' });
  assert.equal(readSessions(`${ok}\n{"startedAt":"2026-01-0\n{"x":1}\n${ok}`), [[Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-01T01:00:00Z')], [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-01T01:00:00Z')]]);
});

test('--reuse of a folder that is not an experiment is a usage error naming it', () => {
  const r = avf(['experiment', 'run', plan('d', 12, ['avf-vdn']), '--out', join(scratch, 'x'), '--reuse', join(scratch, 'nowhere')]);
  assert.is(r.status, 2);
  assert.match(r.stderr, /--reuse: .*nowhere is not an experiment folder/);
});

test.run();
