// Box Pushing against the reference golden traces (every step of every episode), plus properties.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { makeEnv, type EnvId } from '../../envs/index.ts';
import { loadGolden, replayEpisode } from '../_support/golden.ts';

const test = suite('envs/box-pushing');

const files: Array<[string, EnvId, boolean]> = [
  ['bp10_macro.json', 'bp-10', false], ['bp20_macro.json', 'bp-20', false],
  ['bp10_primitive.json', 'bp-10', true], ['bp20_primitive.json', 'bp-20', true],
];

for (const [file, id, primitive] of files) {
  test(`${file}: every episode replays exactly`, () => {
    const golden = loadGolden(file);
    assert.ok(golden.episodes.length > 0);
    for (const episode of golden.episodes) {
      const env = makeEnv(id, { primitive, horizon: 1000 });
      assert.is(replayEpisode(env, episode), null);
    }
  });
}

test('optimal BP-10 / BP-20 / BP-30 returns follow 300 − 0.1·(1.5·L − 4)', () => {
  for (const [id, L] of [['bp-10', 10], ['bp-20', 20], ['bp-30', 30]] as const) {
    const env = makeEnv(id);
    env.reset();
    let total = 0, out = env.step([2, 3]);
    total += out.reward;
    while (!(out.macDone[0] && out.macDone[1])) { out = env.step([2, 3]); total += out.reward; }
    out = env.step([4, 4]);
    total += out.reward;
    while (!out.terminated) { out = env.step([4, 4]); total += out.reward; }
    assert.ok(Math.abs(total - (300 - 0.1 * (1.5 * L - 4))) < 1e-9, `${id}: ${total}`);
  }
});

const randomEpisode = fc.record({ primitive: fc.boolean(), actions: fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { minLength: 1, maxLength: 120 }) });

test('random action sequences: in bounds, rewards from the spec set, running macros never interrupted, horizon respected', () => {
  fc.assert(fc.property(randomEpisode, ({ primitive, actions }) => {
    const env = makeEnv('bp-10', { primitive, horizon: 100 });
    env.reset();
    const n = env.spec.nActions[0];
    let running = [-1, -1], choosing = [1, 1];
    for (let t = 0; t < actions.length; t++) {
      const a = [actions[t][0] % n, actions[t][1] % n];
      const out = env.step(a);
      for (let i = 0; i < 2; i++) {
        if (!choosing[i]) assert.is(out.executed[i], running[i], 'a running macro-action was replaced');
        else if (!primitive) assert.ok(out.executed[i] === a[i] || out.executed[i] === 4, 'started the passed action (or the joint push)');
      }
      // −0.1, then −10 per bump (at most two per agent), then the goal rewards of the boxes that arrived
      const extra = out.reward + 0.1;
      const fromSpec = [0, 20, 40, 300, 320, 340].some((goal) => {
        const bumps = (goal - extra) / 10;
        return Math.abs(bumps - Math.round(bumps)) < 1e-6 && Math.round(bumps) >= 0 && Math.round(bumps) <= 4;
      });
      assert.ok(fromSpec, `reward ${out.reward}`);
      for (const k of [0, 6]) {
        assert.ok(out.state[k] > 0 && out.state[k] < 1, 'agent x inside the grid');
        // y leaves the grid only northwards, through the primitive sticky-push quirk
        assert.ok(out.state[k + 1] > 0 && (primitive || out.state[k + 1] < 1), 'agent y inside the grid');
      }
      running = Array.from(out.executed);
      choosing = Array.from(out.macDone);
      if (out.terminated || out.truncated) {
        assert.ok(out.terminated || t + 1 === 100);
        assert.throws(() => env.step(a), /episode has ended/);
        return;
      }
    }
  }), { numRuns: 200 });
});

test('the same actions give the same trajectory', () => {
  const a = makeEnv('bp-20'), b = makeEnv('bp-20');
  a.reset(); b.reset();
  for (let t = 0; t < 60; t++) {
    const act = [(t * 7) % 8, (t * 3 + 1) % 8];
    const x = a.step(act), y = b.step(act);
    assert.equal(Array.from(x.state), Array.from(y.state));
    if (x.terminated || x.truncated) break;
  }
});

test('bad input is named: unknown id, wrong length, out of range, before reset, bad options', () => {
  assert.throws(() => makeEnv('bp-11' as EnvId), /unknown env id 'bp-11'/);
  const env = makeEnv('bp-10');
  assert.throws(() => env.step([0, 0]), /call reset\(\) before step\(\)/);
  env.reset();
  assert.throws(() => env.step([0]), /expected 2 actions/);
  assert.throws(() => env.step([0, 8]), /action 8 of agent 1 is out of range \[0, 8\)/);
  assert.throws(() => env.step([0.5, 1]), /action 0.5 of agent 0/);
  assert.throws(() => makeEnv('bp-10', { horizon: 0 }), /horizon must be a positive integer/);
  assert.throws(() => makeEnv('bp-10', { gridSize: 6 }), /at least 8/);
  assert.throws(() => makeEnv('bp-10', { bigBox: 3 }), /unknown option 'bigBox'/);
});

/** Runs a golden episode's actions with options, returning the step results. */
function run(file: string, name: string, options: Record<string, unknown>) {
  const episode = loadGolden(file).episodes.find((e) => e.name === name)!;
  const env = makeEnv('bp-10', { horizon: 1000, ...options });
  env.reset();
  const results = [];
  for (const s of episode.steps) {
    const out = env.step(s.action);
    results.push(out);
    if (out.terminated || out.truncated) break;
  }
  return results;
}

test('fixStaleWaypoint: the joint push needs both agents under the big box', () => {
  const quirk = run('bp10_macro.json', 'quirk_stale_waypoint_joint_push', {});
  const fixed = run('bp10_macro.json', 'quirk_stale_waypoint_joint_push', { fixStaleWaypoint: true });
  const bigBoxY = (states: { state: Float32Array }[]) => states.map((s) => s.state[17]);
  assert.ok(quirk.some((s) => s.terminated), 'reference: the stale joint push carries the box to the goal');
  assert.ok(bigBoxY(fixed).every((y) => y === Math.fround(0.55)), 'fixed: the big box never moves');
});

test('fixStickyPush: after the joint push stops, agents obey their actions again', () => {
  const quirk = run('bp10_primitive.json', 'quirk_sticky_push_flag', { primitive: true });
  const fixed = run('bp10_primitive.json', 'quirk_sticky_push_flag', { primitive: true, fixStickyPush: true });
  // t=8 is the one joint push; at t=9 agent 0 moves forward into the box and agent 1 stays
  const agentY = (s: { state: Float32Array }) => [s.state[1], s.state[7]];
  assert.equal(agentY(quirk[8]), [Math.fround(0.65), Math.fround(0.65)], 'reference: both keep drifting north');
  assert.equal(agentY(fixed[8]), [Math.fround(0.55), Math.fround(0.55)], 'fixed: agent 0 bumps the box, agent 1 stays');
  assert.ok(Math.abs(fixed[8].reward - -10.1) < 1e-9);
});

test('render draws the grid without printing', () => {
  const env = makeEnv('bp-10');
  env.reset();
  const picture = env.render();
  assert.ok(picture.includes('B B'), picture);
  assert.is(picture.split('\n').length, 1 + 10 + 2);
});

test.run();
