// Training end to end: a learning smoke test, determinism, resume from a checkpoint, run outputs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resume, train } from '../../../algos/run/runner.ts';
import { evaluate } from '../../../algos/run/evaluate.ts';
import { loadPolicy, loadTrainingState } from '../../../algos/run/run-state.ts';
import { readCheckpoint, writeCheckpoint } from '../../../algos/run/checkpoint.ts';
import type { TrainConfig } from '../../../algos/config.ts';
import { flattenParams } from '../../../autograd/params.ts';
import { makeEnv } from '../../../envs/index.ts';

const test = suite('algos/runner');
const smallBp = { makeEnv: () => makeEnv('bp-10', { gridSize: 8, horizon: 50 }) };
const quick: Partial<TrainConfig> = {
  algo: 'avf-qmix', env: 'bp-10', startTrain: 20, epsDecayEpisodes: 60, evalEvery: 10, batchSize: 16, windowLength: 10,
  trainEvery: 10, lr: 1e-3, hidden: 32, mixerEmbed: 16, hypernetEmbed: 16, gamma: 0.95,
};
const scratch = mkdtempSync(join(tmpdir(), 'avf-runner-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

test('AVF-QMIX on an 8x8 Box Pushing grid improves its greedy return within 150 episodes (seed 0)', async () => {
  const r = await train({ ...quick, seed: 0, episodes: 150 }, smallBp);
  const returns = r.evalReturns.map(([, g]) => g);
  assert.ok(returns[0] < 0, `untrained greedy return ${returns[0]}`);
  const last = returns.slice(-5);
  assert.ok(last.every((g) => g > 15), `greedy returns at the end: ${last}`); // a small box (+20) at least
});

test('the same seed gives the same run', async () => {
  const a = await train({ ...quick, seed: 4, episodes: 40 }, smallBp);
  const b = await train({ ...quick, seed: 4, episodes: 40 }, smallBp);
  assert.equal(a.evalReturns, b.evalReturns);
  assert.is(a.envSteps, b.envSteps);
  assert.is(a.updates, b.updates);
});

test('a run resumed from its checkpoint continues exactly as an uninterrupted one', async () => {
  const straight = join(scratch, 'straight'), split = join(scratch, 'split');
  const full = await train({ ...quick, seed: 5, episodes: 60, out: straight, checkpointEvery: 30 }, smallBp);
  await train({ ...quick, seed: 5, episodes: 30, out: split, checkpointEvery: 30 }, smallBp);
  const resumed = await resume(split, smallBp, 60);
  assert.equal(resumed.evalReturns, full.evalReturns);
  assert.is(resumed.envSteps, full.envSteps);
  const params = (dir: string) => Array.from(flattenParams(loadPolicy(join(dir, 'policy.avf')).nets.flatMap((n) => n.parameters())));
  assert.equal(params(split), params(straight));
  assert.is(readFileSync(join(split, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 60);
});

test('a run folder holds metrics.jsonl, curve.svg, config.json and checkpoints; eval replays the policy', async () => {
  const out = join(scratch, 'outputs');
  await train({ ...quick, seed: 6, episodes: 30, out }, smallBp);
  for (const f of ['metrics.jsonl', 'curve.svg', 'config.json', 'policy.avf', 'training.avf']) assert.ok(existsSync(join(out, f)), f);
  const line = JSON.parse(readFileSync(join(out, 'metrics.jsonl'), 'utf8').split('\n')[9]);
  for (const key of ['episode', 'envSteps', 'trainReturn', 'evalReturn', 'epsilon', 'updates', 'wallSeconds']) assert.ok(key in line, key);
  assert.ok(readFileSync(join(out, 'curve.svg'), 'utf8').startsWith('<svg'));
  const policy = loadPolicy(join(out, 'policy.avf'));
  policy.config.horizon = 20; // evaluate on the default BP-10 layout, short episodes
  const result = await evaluate(policy, { episodes: 3 });
  assert.is(result.returns.length, 3);
  assert.ok(result.returns.every(Number.isFinite));
});

test('corrupt, truncated and mismatched checkpoints are clear errors', async () => {
  const out = join(scratch, 'corrupt');
  await train({ ...quick, seed: 7, episodes: 10, out }, smallBp);
  const path = join(out, 'policy.avf'), bytes = readFileSync(path);
  writeFileSync(join(out, 'truncated.avf'), bytes.subarray(0, bytes.length / 2));
  assert.throws(() => loadPolicy(join(out, 'truncated.avf')), /is corrupt: (truncated header|checksum mismatch|a binary array outside the file)/);
  const tampered = Buffer.from(bytes);
  tampered[tampered.length - 3] ^= 0x40; // a bit of a weight in the binary section
  writeFileSync(join(out, 'tampered.avf'), tampered);
  assert.throws(() => loadPolicy(join(out, 'tampered.avf')), /checksum mismatch/);
  writeFileSync(join(out, 'text.avf'), '{"format": "avf-checkpoint", "vers');
  assert.throws(() => loadPolicy(join(out, 'text.avf')), /corrupt: not valid JSON/);
  assert.throws(() => loadPolicy(join(out, 'training.avf')), /holds a training checkpoint, expected policy/);
  assert.throws(() => loadPolicy(join(out, 'missing.avf')), /does not exist/);
  const { optimizers: _, ...older } = readCheckpoint(join(out, 'training.avf'), 'training') as Record<string, unknown>;
  writeCheckpoint(join(out, 'older.avf'), 'training', older); // an earlier layout: no optimiser list
  assert.throws(() => loadTrainingState(join(out, 'older.avf')), /missing parts of the training state \(optimizers\)/);
  await assert.not.throws(async () => undefined);
  let message = '';
  try {
    await resume(join(scratch, 'nowhere'));
  } catch (e) {
    message = (e as Error).message;
  }
  assert.match(message, /does not exist/);
});

test('policies written by earlier versions (version 1, JSON with base64 floats) still load and play', async () => {
  const policy = loadPolicy(new URL('../../../results/bp10-dec-maddrqn-seed0-8k/policy.avf', import.meta.url).pathname);
  assert.is(policy.config.algo, 'dec-maddrqn');
  const result = await evaluate(policy, { episodes: 2 });
  assert.equal(result.returns.map((r) => r.toFixed(1)), ['298.9', '298.9']);
});

test('training checkpoints are binary: a replay buffer of 300 WTD-S episodes in a few MB, read back exactly', async () => {
  const out = join(scratch, 'binary');
  await train({ algo: 'avf-qplex', env: 'wtd-s', episodes: 300, startTrain: 1000, evalEvery: 300, seed: 1, out });
  const size = statSync(join(out, 'training.avf')).size;
  const state = readCheckpoint(join(out, 'training.avf'), 'training') as { buffer: { episodes: { states: Float32Array; action: Int32Array[] }[] } };
  assert.is(state.buffer.episodes.length, 300);
  assert.ok(state.buffer.episodes[0].states instanceof Float32Array && state.buffer.episodes[0].action[0] instanceof Int32Array);
  assert.ok(size < 300 * 40_000, `${(size / 2 ** 20).toFixed(1)} MiB`);
});

test('unknown algorithms, envs and fields are named', async () => {
  let message = '';
  try {
    await train({ algo: 'avf-qmix', env: 'bp-10', lr: -1 });
  } catch (e) {
    message = (e as Error).message;
  }
  assert.match(message, /lr must be a positive number/);
  await train({ algo: 'magic' as never, env: 'bp-10', episodes: 1 }).then(() => assert.unreachable(), (e) => assert.match(e.message, /unknown algo 'magic' \(expected one of avf-vdn, /));
  await train({ algo: 'avf-qmix', env: 'bp-99' as never }).then(() => assert.unreachable(), (e) => assert.match(e.message, /unknown env 'bp-99'/));
  await train({ algo: 'dec-maddrqn', env: 'bp-10', stateMode: 'real' }).then(() => assert.unreachable(), (e) => assert.match(e.message, /stateMode does not apply to dec-maddrqn/));
});

test.run();
