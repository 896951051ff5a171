// Running plans (experiments/pool.ts through `avf experiment run`): two jobs give the same runs as two
// shards run separately; a rerun trains nothing; a runner killed with SIGKILL mid-plan and run again
// completes every run with each episode written exactly once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AVF_FROM_SOURCE, avfSync } from '../../_support/avf-process.ts';
import { episodesLeft, etaSeconds } from '../../../algos/experiments/pool.ts';
import { lockRecord } from '../../../algos/experiments/lock.ts';
import { loadPlan, resolvePlan } from '../../../algos/experiments/plans.ts';

const test = suite('algos/experiments/pool');
const scratch = mkdtempSync(join(tmpdir(), 'avf-pool-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));
const plan = (episodes: number, envs = ['bp-10', 'ct-10']) => {
  const path = join(scratch, `tiny-${episodes}-${envs.length}.json`);
  writeFileSync(path, JSON.stringify({
    name: 'tiny', seeds: [0, 1], episodes,
    runs: [{ env: envs, algo: ['avf-vdn', 'dec-maddrqn'], horizon: 30, hidden: 16, startTrain: 3, evalEvery: 5, batchSize: 8, checkpointEvery: 5 }],
  }));
  return path;
};
const avf = avfSync;

/** Every run's metrics without wall time, by run id. */
function metricsOf(dir: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const id of readdirSync(join(dir, 'runs')).sort()) {
    out[id] = readFileSync(join(dir, 'runs', id, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => {
      const { wallSeconds: _, ...m } = JSON.parse(l);
      return m;
    });
  }
  return out;
}

test('--jobs 2 equals the union of shards 1/2 and 2/2; a rerun trains nothing', () => {
  const together = join(scratch, 'together'), sharded = join(scratch, 'sharded'), tiny = plan(15);
  const r = avf(['experiment', 'run', tiny, '--out', together, '--jobs', '2']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /8 finished, 0 already done, 0 failed/);
  for (const shard of ['1/2', '2/2']) assert.is(avf(['experiment', 'run', tiny, '--out', sharded, '--jobs', '1', '--shard', shard]).status, 0);
  const a = metricsOf(together), b = metricsOf(sharded);
  assert.is(Object.keys(a).length, 8);
  assert.equal(a, b);
  const stamp = statSync(join(together, 'runs', Object.keys(a)[0], 'metrics.jsonl')).mtimeMs;
  const again = avf(['experiment', 'run', tiny, '--out', together, '--jobs', '2']);
  assert.match(again.stdout, /0 finished, 8 already done, 0 failed/);
  assert.is(statSync(join(together, 'runs', Object.keys(a)[0], 'metrics.jsonl')).mtimeMs, stamp);
});

test('a longer budget extends finished runs to what training it from scratch gives; a shorter one is a usage error naming them', () => {
  const extended = join(scratch, 'extended'), fresh = join(scratch, 'fresh');
  assert.is(avf(['experiment', 'run', plan(10, ['bp-10']), '--out', extended, '--jobs', '2']).status, 0);
  const r = avf(['experiment', 'run', plan(20, ['bp-10']), '--out', extended, '--jobs', '2']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /4 finished, 0 already done, 0 failed/);
  assert.is(avf(['experiment', 'run', plan(20, ['bp-10']), '--out', fresh, '--jobs', '2']).status, 0);
  const a = metricsOf(extended), b = metricsOf(fresh);
  assert.is(Object.values(a)[0].length, 20);
  assert.equal(a, b);
  const shorter = avf(['experiment', 'run', plan(10, ['bp-10']), '--out', fresh, '--jobs', '2']);
  assert.is(shorter.status, 2);
  assert.not.match(shorter.stderr, /plan tiny/); // refused before anything is written
  assert.match(shorter.stderr, /4 run folders hold runs finished at more episodes than the plan's \(bp-10__avf-vdn__s0\w* has 20, the plan 10; .*another --out folder/, shorter.stderr);
});

test('SIGKILL of the whole runner mid-plan, then a rerun: every run complete, every episode exactly once', async () => {
  const dir = join(scratch, 'killed'), long = plan(40, ['bp-10']);
  const child = spawn(process.execPath, [...AVF_FROM_SOURCE, 'experiment', 'run', long, '--out', dir, '--jobs', '2'], { stdio: 'ignore' });
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      const runs = existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')) : [];
      const lines = runs.map((id) => { try { return readFileSync(join(dir, 'runs', id, 'metrics.jsonl'), 'utf8').split('\n').length; } catch { return 0; } });
      if (lines.some((n) => n > 8)) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 50);
  });
  await new Promise((r) => child.on('close', r));
  const r = avf(['experiment', 'run', long, '--out', dir, '--jobs', '2']);
  assert.is(r.status, 0, r.stderr + r.stdout);
  const metrics = metricsOf(dir);
  assert.is(Object.keys(metrics).length, 4);
  for (const [id, rows] of Object.entries(metrics)) {
    assert.equal(rows.map((m) => (m as { episode: number }).episode), Array.from({ length: 40 }, (_, k) => k + 1), id);
    assert.ok(existsSync(join(dir, 'runs', id, 'done.json')), `${id} done`);
    assert.ok(!existsSync(join(dir, 'runs', id, 'lock.json')), `${id} unlocked`);
    assert.equal(readdirSync(join(dir, 'runs', id)).filter((f) => f.includes('.tmp-')), []);
  }
});

test('a run that dies is recorded (failed.json, exit 1) while the others finish; the next run of the plan completes it', async () => {
  const dir = join(scratch, 'failing'), long = plan(40, ['bp-10']);
  const runner = spawn(process.execPath, [...AVF_FROM_SOURCE, 'experiment', 'run', long, '--out', dir, '--jobs', '2'], { stdio: 'ignore' });
  let victim = '';
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      for (const id of existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')) : []) {
        try {
          const lines = readFileSync(join(dir, 'runs', id, 'metrics.jsonl'), 'utf8').split('\n').length;
          const { pid } = JSON.parse(readFileSync(join(dir, 'runs', id, 'lock.json'), 'utf8'));
          if (lines > 6 && pid !== runner.pid) {
            process.kill(pid, 'SIGKILL'); // as the kernel's OOM killer would
            victim = id;
            clearInterval(poll);
            resolve();
            return;
          }
        } catch {
          // not started or just finished
        }
      }
    }, 50);
  });
  const code = await new Promise((r) => runner.on('close', r));
  assert.is(code, 1);
  const failed = JSON.parse(readFileSync(join(dir, 'runs', victim, 'failed.json'), 'utf8'));
  assert.is(failed.signal, 'SIGKILL');
  assert.is(readdirSync(join(dir, 'runs')).filter((id) => existsSync(join(dir, 'runs', id, 'done.json'))).length, 3);
  const again = avf(['experiment', 'run', long, '--out', dir, '--jobs', '2']);
  assert.match(again.stdout, /1 finished, 3 already done, 0 failed/);
  assert.ok(!existsSync(join(dir, 'runs', victim, 'failed.json')));
});

test('a run another live runner holds is left to it: this runner trains the rest and ends', () => {
  const dir = join(scratch, 'shared'), tiny = plan(10, ['bp-10']), held = resolvePlan(loadPlan(tiny))[0].id;
  const other = spawn('sleep', ['600'], { stdio: 'ignore' }); // stands for the other runner (and its trainer)
  try {
    mkdirSync(join(dir, 'runs', held), { recursive: true });
    writeFileSync(join(dir, 'runs', held, 'lock.json'), lockRecord(other.pid!, other.pid!));
    const r = spawnSync(process.execPath, [...AVF_FROM_SOURCE, 'experiment', 'run', tiny, '--out', dir, '--jobs', '2'], { encoding: 'utf8', timeout: 120_000 });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`3 finished, 0 already done, 0 failed, 1 left to another runner \\(${held}\\)`));
    assert.not.ok(existsSync(join(dir, 'runs', held, 'done.json')));
    assert.ok(existsSync(join(dir, 'runs', held, 'lock.json')), 'its lock untouched');
  } finally {
    other.kill();
  }
});

test('the ETA is the episodes left at the rate of those trained so far (unknown before any)', () => {
  assert.is(etaSeconds(600, 2_000, 18_000), 5_400);
  assert.is(etaSeconds(600, 2_000, 0), 0);
  assert.is(etaSeconds(30, 0, 18_000), undefined);
});

test('episodes left are read from each run\'s metrics now: a run finished meanwhile by another runner leaves none', () => {
  const dir = join(scratch, 'left');
  const runs = resolvePlan(loadPlan(plan(50)), {}).slice(0, 3); // the first two get metrics, the third none yet
  const write = (id: string, last: number) => {
    mkdirSync(join(dir, 'runs', id), { recursive: true });
    writeFileSync(join(dir, 'runs', id, 'metrics.jsonl'), Array.from({ length: last }, (_, k) => JSON.stringify({ episode: k + 1, trainReturn: 0 }) + '\n').join(''));
  };
  write(runs[0].id, 30);
  write(runs[1].id, 50);
  assert.is(episodesLeft(runs, dir), 20 + 0 + 50);
  write(runs[0].id, 45); // trained on by another runner
  assert.is(episodesLeft(runs, dir), 5 + 0 + 50);
});

test('usage errors name the problem', () => {
  assert.match(avf(['experiment', 'run', 'nosuch', '--out', join(scratch, 'x')]).stderr, /neither a named plan/);
  assert.match(avf(['experiment', 'run', 'fig4']).stderr, /needs --out DIR/);
  assert.match(avf(['experiment', 'run', 'fig4', '--out', join(scratch, 'y'), '--scale', 'huge']).stderr, /--scale must be one of smoke, short, quarter, paper/);
  assert.match(avf(['experiment', 'report', scratch]).stderr, /is not an experiment folder/);
  assert.match(avf(['experiment', 'run', 'fig4', '--out', join(scratch, 'z'), '--seeds', '0']).stderr, /--seeds 0 is a count of no seeds; seed 0 alone is the list '--seeds 0,'/);
  assert.is(avf(['experiment', 'fly']).status, 2);
});

test.run();
