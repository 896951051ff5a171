// Plans resolve without running: every named plan, run ids, grids, shards, plan-file errors.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANS, expandGrid, loadPlan, resolvePlan, runId, shardOf } from '../../../algos/experiments/plans.ts';
import { parseShard } from '../../../algos/experiments/command.ts';
import { resolveConfig } from '../../../algos/algorithms.ts';

const test = suite('algos/experiments/plans');
const scratch = mkdtempSync(join(tmpdir(), 'avf-plans-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('every named plan resolves to valid configs with unique readable ids', () => {
  const counts: Record<string, number> = { table1: 18, table3: 27, fig4: 84, fig5: 36, fig8: 18, ablations: 144 };
  for (const [name, plan] of Object.entries(PLANS)) {
    for (const scale of [undefined, 'smoke', 'short', 'quarter', 'paper'] as const) {
      const runs = resolvePlan(plan, scale ? { scale } : {});
      assert.is(runs.length, counts[name], name);
      assert.is(new Set(runs.map((r) => r.id)).size, runs.length);
      // smoke runs evaluate every 10 episodes: a changed field, so their ids carry its hash and never meet a real run's folder
      const hash = scale === 'smoke' ? '__[0-9a-f]{6}' : '';
      for (const r of runs) assert.match(r.id, new RegExp(`^[a-z0-9-]+__[a-z-]+(__(real|terminated-macro))?__s\\d+${hash}$`), r.id);
    }
  }
  const fig5 = resolvePlan(PLANS.fig5);
  assert.ok(fig5.some((r) => r.id === 'wtd-s__avf-qplex__terminated-macro__s2' && r.config.stateMode === 'terminated-macro'));
  assert.is(resolvePlan(PLANS.table3).find((r) => r.id === 'ct-10__qplex__s0')!.config.primitive, true);
  // a quarter of the paper's budget still ends at or after every run's ε decay
  for (const plan of Object.values(PLANS)) {
    for (const r of resolvePlan(plan, { scale: 'quarter' })) assert.ok(r.config.episodes >= r.config.epsDecayEpisodes, `${plan.name} ${r.id}: ${r.config.episodes} < ${r.config.epsDecayEpisodes}`);
  }
  assert.equal([...new Set(resolvePlan(PLANS.fig4, { scale: 'short' }).filter((r) => r.config.env === 'wtd-t').map((r) => r.config.episodes))], [8000]);
});

test('run ids: env, algo, the mixer state when not the default, the seed, and a hash of any other changed field', () => {
  const id = (partial: object) => runId(resolveConfig({ env: 'bp-10', algo: 'avf-qplex', ...partial }));
  assert.is(id({}), 'bp-10__avf-qplex__s0');
  assert.is(id({ stateMode: 'real', seed: 3 }), 'bp-10__avf-qplex__real__s3');
  assert.is(id({ episodes: 10, checkpointEvery: 5 }), 'bp-10__avf-qplex__s0'); // budgets and checkpoints are not part of a run
  assert.match(id({ lr: 1e-3 }), /^bp-10__avf-qplex__s0__[0-9a-f]{6}$/);
  assert.is(id({ lr: 1e-3 }), id({ lr: 1e-3, episodes: 99 }));
  assert.is.not(id({ lr: 1e-3 }), id({ lr: 2e-3 }));
  assert.is(id({ lr: 1e-4 }), 'bp-10__avf-qplex__s0'); // the default value: no hash
});

test('grids expand to every combination; shards partition the runs deterministically', () => {
  assert.is(expandGrid({ env: ['bp-10', 'wtd-s'], algo: ['avf-qmix', 'avf-qplex', 'avf-vdn'], lr: [1e-3, 1e-4] }).length, 12);
  fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 7 }), (n, count) => {
    const items = Array.from({ length: n }, (_, k) => k);
    const parts = Array.from({ length: count }, (_, i) => shardOf(items, i + 1, count));
    assert.equal(parts.flat().sort((a, b) => a - b), items);
    assert.equal(parts, Array.from({ length: count }, (_, i) => shardOf(items, i + 1, count)));
  }));
  assert.throws(() => shardOf([1], 0, 2), /shard must be I\/N/);
  assert.equal(parseShard('2/4', {}), [2, 4]);
  assert.equal(parseShard('/4', { SLURM_ARRAY_TASK_ID: '3' }), [3, 4]);
  assert.equal(parseShard('/4', { JOB_COMPLETION_INDEX: '0' }), [1, 4]); // Kubernetes indexes from 0
  assert.throws(() => parseShard('5/4', {}), /index 5 is not in 1..4/);
});

test('plan files: a grid plan loads; problems name the file and the field', () => {
  const write = (name: string, plan: unknown) => {
    const path = join(scratch, name);
    writeFileSync(path, JSON.stringify(plan));
    return path;
  };
  const good = loadPlan(write('good.json', { name: 'g', seeds: [0, 1], episodes: { 'bp-10': 30 }, runs: [{ env: 'bp-10', algo: ['avf-qmix', 'avf-vdn'], lr: 1e-3 }] }));
  const runs = resolvePlan(good);
  assert.is(runs.length, 4);
  assert.ok(runs.every((r) => r.config.episodes === 30 && r.config.lr === 1e-3));
  assert.is(resolvePlan(good, { seeds: [7] }).length, 2);
  assert.throws(() => loadPlan(write('a.json', { name: 'x', seeds: [0], runs: [{ env: 'bp-10' }] })), /runs\[0\] needs "env" and "algo"/);
  assert.throws(() => loadPlan(write('b.json', { name: 'x', seeds: [], runs: [] })), /"seeds" must be a non-empty list/);
  assert.throws(() => loadPlan(write('c.json', { name: 'x', seeds: [0], runs: [{ env: 'bp-10', algo: 'avf-qmix' }], colour: 1 })), /unknown plan field "colour"/);
  assert.throws(() => resolvePlan(loadPlan(write('d.json', { name: 'x', seeds: [0], runs: [{ env: 'bp-10', algo: 'magic' }] }))), /runs\[0\]: unknown algo 'magic'/);
  assert.throws(() => resolvePlan(loadPlan(write('e.json', { name: 'x', seeds: [0], runs: [{ env: 'bp-10', algo: 'avf-qmix', lr: -1 }] }))), /runs\[0\]: lr must be a positive number/);
  assert.throws(() => loadPlan('nosuchplan'), /neither a named plan .* nor a readable plan file/);
});

test.run();
