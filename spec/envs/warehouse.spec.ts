// Warehouse Tool Delivery against the reference golden traces (positions as float64 within 1e-9),
// plus properties.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { makeEnv, type EnvId, type EnvOptions } from '../../envs/index.ts';
import { Warehouse } from '../../envs/warehouse.ts';
import { loadGolden, replayEpisode, type GoldenStep } from '../_support/golden.ts';

const test = suite('envs/warehouse');

interface Internal { mobile: Array<{ x: number; y: number; waypoint: number | null; time_left: number }> }

/** Mobile positions and counters against the trace's internal view (float64, 1e-9). */
function positions(env: Warehouse) {
  return (step: GoldenStep): string | null => {
    const internal = step.internal as Internal;
    for (let j = 0; j < internal.mobile.length; j++) {
      const m = internal.mobile[j];
      if (Math.abs(env.x[j] - m.x) > 1e-9 || Math.abs(env.y[j] - m.y) > 1e-9) return `t=${step.t} mobile ${j} at (${env.x[j]}, ${env.y[j]}), expected (${m.x}, ${m.y})`;
      if (Math.abs(env.counter[j] - m.time_left) > 1e-9) return `t=${step.t} mobile ${j} counter ${env.counter[j]}, expected ${m.time_left}`;
    }
    return null;
  };
}

const files: Array<[string, EnvId, boolean]> = [
  ['wtd_s_macro.json', 'wtd-s', false], ['wtd_t_macro.json', 'wtd-t', false], ['wtd_s_primitive_provisional.json', 'wtd-s', true],
];

for (const [file, id, primitive] of files) {
  test(`${file}: every episode replays (obs, state, rewards exact; positions within 1e-9)`, () => {
    const golden = loadGolden(file);
    for (const episode of golden.episodes) {
      const speed = (episode.params_override?.TB_move_speed as number | undefined) ?? 0.8;
      const env = makeEnv(id, { primitive, horizon: 1000, speed }) as Warehouse;
      assert.is(replayEpisode(env, episode, { check: positions(env) }), null);
    }
  });
}

const wtdIds: EnvId[] = ['wtd-s', 'wtd-d', 'wtd-t', 'wtd-t1'];

test('dimensions match specs/envs.md §0.1 (WTD-T1 uses the proposed 39-value state)', () => {
  const expected: Record<string, [number[], number[], number]> = {
    'wtd-s': [[13, 13, 5], [3, 3, 6], 24], 'wtd-d': [[18, 18, 5], [4, 4, 6], 29],
    'wtd-t': [[23, 23, 5], [5, 5, 6], 34], 'wtd-t1': [[23, 23, 23, 6], [5, 5, 5, 7], 39],
  };
  for (const id of wtdIds) {
    const env = makeEnv(id);
    assert.equal([env.spec.obsDims, env.spec.nActions, env.spec.stateDim], expected[id], id);
    const { obs, state } = env.reset();
    assert.equal(obs.map((o) => o.length), env.spec.obsDims);
    assert.is(state.length, env.spec.stateDim);
  }
});

test('random actions: running macros are never interrupted, rewards come from the spec set, the horizon ends the episode', () => {
  fc.assert(fc.property(fc.constantFrom(...wtdIds), fc.boolean(), fc.array(fc.nat(1000), { minLength: 150, maxLength: 150 }), (id, primitive, draws) => {
    const env = makeEnv(id, { primitive, horizon: 150 });
    env.reset();
    const n = env.spec.nAgents;
    let choosing = new Array(n).fill(1), running = new Array(n).fill(-1);
    for (let t = 0; t < 150; t++) {
      const actions = env.spec.nActions.map((k, i) => (draws[t] * (i + 7)) % k);
      const out = env.step(actions);
      for (let i = 0; i < n; i++) {
        if (choosing[i]) assert.is(out.executed[i], actions[i]);
        else assert.is(out.executed[i], running[i], `agent ${i} was interrupted`);
      }
      // −1, then per event +100, +80 or −10
      const events = out.reward + 1;
      let ok = false;
      for (let a = 0; a <= 4 && !ok; a++) for (let b = 0; b <= 4 - a && !ok; b++) for (let c = 0; c <= 1 && !ok; c++) {
        ok = Math.abs(events - (100 * a + 80 * b - 10 * c)) < 1e-9;
      }
      assert.ok(ok, `reward ${out.reward}`);
      choosing = Array.from(out.macDone);
      running = Array.from(out.executed);
      if (out.terminated || out.truncated) {
        assert.ok(out.terminated || t === 149);
        return;
      }
    }
    assert.unreachable('the episode did not end by the horizon');
  }), { numRuns: 40 });
});

test('bad options and actions are named', () => {
  assert.throws(() => makeEnv('wtd-s', { speed: -1 }), /speed must be positive/);
  assert.throws(() => makeEnv('wtd-s', { humans: 2 }), /unknown option 'humans'/);
  const env = makeEnv('wtd-t1');
  env.reset();
  assert.throws(() => env.step([0, 0, 0, 7]), /action 7 of agent 3 is out of range \[0, 7\)/);
});

test('render describes robots, manipulator and humans', () => {
  const env = makeEnv('wtd-d');
  env.reset();
  env.step([0, 3, 4]);
  const text = env.render();
  assert.ok(text.includes('mobile 1') && text.includes('manipulator Look_For_obj1') && text.includes('human 1'), text);
});

test.run();

const fixes = suite('envs/warehouse fixes');

/** Steps until `agent` reports macDone, with `actions` every step. */
function stepsUntilDone(env: ReturnType<typeof makeEnv>, actions: number[], agent: number): number {
  for (let t = 1; t <= 100; t++) if (env.step(actions).macDone[agent]) return t;
  return Infinity;
}

fixes('fixSingleRoomRules: WTD-S Get_Tool times out after 10 waiting steps instead of 11', () => {
  const wait = (options: EnvOptions) => {
    const env = makeEnv('wtd-s', options);
    env.reset();
    return stepsUntilDone(env, [2, 1, 0], 0); // mobile 0 Get_Tool, manipulator waits
  };
  // travel 4 steps (arrival included), then the waiting steps
  assert.is(wait({}), 4 + 11);
  assert.is(wait({ fixSingleRoomRules: true }), 4 + 10);
});

fixes('fixGetToolCounter: choosing Get_Tool again restarts the wait', () => {
  const again = (options: EnvOptions) => {
    const env = makeEnv('wtd-d', options);
    env.reset();
    stepsUntilDone(env, [3, 2, 0], 0); // first Get_Tool times out
    return stepsUntilDone(env, [3, 2, 0], 0);
  };
  assert.is(again({}), 9, 'reference: continues from −1');
  assert.is(again({ fixGetToolCounter: true }), 10);
});

fixes('fixPassCheck: in WTD-T1 a pass to mobile 2 started while it travels fails', () => {
  const passWhileTravelling = (options: EnvOptions) => {
    const env = makeEnv('wtd-t1', options);
    env.reset();
    const rewards = [0, 1, 2, 3].map(() => env.step([3, 3, 4, 3]).reward);
    return rewards[3];
  };
  assert.is(passWhileTravelling({}), -1, 'reference: mobile 2 is waiting when the pass ends, so it succeeds');
  assert.is(passWhileTravelling({ fixPassCheck: true }), -11, 'fixed: the pass was checked at its start and fails');
});

fixes('fixPositionScale: x positions divided by the real room width in WTD-T', () => {
  assert.is(makeEnv('wtd-t').reset().state[0], Math.fround(3 / 7));
  assert.is(makeEnv('wtd-t', { fixPositionScale: true }).reset().state[0], Math.fround(3 / 9));
});

fixes.run();
