// Capture Target driven by the random outcomes recorded in the golden traces (a replaying
// RandomSource), compared exactly; plus properties and statistics of the seeded source.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { makeEnv } from '../../envs/index.ts';
import type { RandomSource } from '../../envs/macdec.ts';
import { CaptureTarget } from '../../envs/capture-target.ts';
import { loadGolden, replayEpisode, type GoldenEpisode, type GoldenStep } from '../_support/golden.ts';

const test = suite('envs/capture-target');

interface AgentDraw { agent: number; candidates?: number[]; chosen?: number; slip: number }
interface StepDraws { agents: AgentDraw[]; target_dir: number | null; target_slip: number | null; flicker: boolean[] }
interface ResetDraws { agent_positions: [number, number][]; target_position: [number, number]; flicker: boolean[] }

/** Hands out recorded outcomes in order and fails loudly when the env asks for something else. */
class ReplaySource implements RandomSource {
  cells: [number, number][] = [];
  picks: AgentDraw[] = [];
  slips: number[] = [];
  directions: number[] = [];
  flickers: boolean[] = [];

  loadReset(draws: ResetDraws, primitive: boolean): void {
    this.cells = primitive ? [draws.target_position, ...draws.agent_positions] : [...draws.agent_positions, draws.target_position];
    this.flickers = [...draws.flicker];
  }

  loadStep(draws: StepDraws): void {
    this.expectEmpty('before the step');
    this.picks = draws.agents.filter((a) => a.candidates !== undefined);
    this.slips = draws.agents.map((a) => a.slip);
    if (draws.target_dir !== null) {
      this.directions = [draws.target_dir];
      this.slips.push(draws.target_slip!);
    }
    this.flickers = [...draws.flicker];
  }

  expectEmpty(when: string): void {
    const left = this.cells.length + this.picks.length + this.slips.length + this.directions.length + this.flickers.length;
    if (left > 0) throw new Error(`${when}: ${left} recorded draws were not consumed`);
  }

  private next<T>(queue: T[], what: string): T {
    if (queue.length === 0) throw new Error(`the env drew an unrecorded ${what}`);
    return queue.shift()!;
  }

  cell(): [number, number] { return this.next(this.cells, 'cell'); }
  pickCandidate(candidates: readonly number[]): number {
    const draw = this.next(this.picks, 'candidate choice');
    if (JSON.stringify(candidates) !== JSON.stringify(draw.candidates)) {
      throw new Error(`agent ${draw.agent}: candidates [${candidates}] but the reference had [${draw.candidates}]`);
    }
    return draw.chosen!;
  }
  slip(): number { return this.next(this.slips, 'slip'); }
  targetDirection(): number { return this.next(this.directions, 'target direction'); }
  flicker(): boolean { return this.next(this.flickers, 'flicker'); }
}

function replayCt(episode: GoldenEpisode, primitive: boolean): string | null {
  const source = new ReplaySource();
  source.loadReset(episode.initial.random as ResetDraws, primitive);
  const env = makeEnv('ct-10', { primitive, random: source });
  return replayEpisode(env, episode, {
    stateKey: 'state_proposed',
    doneAtHorizon: true,
    beforeStep: (s: GoldenStep) => source.loadStep(s.random as StepDraws),
    check: () => { source.expectEmpty('after the step'); return null; },
  });
}

for (const [file, primitive] of [['ct10_macro.json', false], ['ct10_primitive.json', true]] as const) {
  test(`${file}: every episode replays exactly from the recorded random outcomes`, () => {
    for (const episode of loadGolden(file).episodes) assert.is(replayCt(episode, primitive), null);
  });
}

test('the same seed gives the same trajectory; another seed does not', () => {
  const run = (seed: number) => {
    const env = makeEnv('ct-10', { seed });
    const states: number[] = [];
    env.reset();
    for (let t = 0; t < 60; t++) {
      const out = env.step(new Array(10).fill(t % 3 === 0 ? 1 : 0));
      states.push(...out.state);
      if (out.terminated || out.truncated) break;
    }
    return states;
  };
  assert.equal(run(5), run(5));
  assert.not.equal(run(5), run(6));
  const env = makeEnv('ct-10');
  assert.equal(Array.from(env.reset(3).state), Array.from(env.reset(3).state), 'reset(seed) reseeds');
});

test('random actions: cells stay on the grid, reward only on capture, running macros never interrupted', () => {
  fc.assert(fc.property(fc.boolean(), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (primitive, nAgents, seed) => {
    const env = makeEnv('ct-10', { primitive, nAgents, seed }) as CaptureTarget;
    env.reset();
    let choosing = new Array(nAgents).fill(1), running = new Array(nAgents).fill(-1);
    for (let t = 0; t < 60; t++) {
      const actions = Array.from({ length: nAgents }, (_, i) => (seed + 7 * t + i) % env.spec.nActions[i]);
      const out = env.step(actions);
      for (let i = 0; i < nAgents; i++) {
        assert.ok(env.ax[i] >= 0 && env.ax[i] < 10 && env.ay[i] >= 0 && env.ay[i] < 10);
        if (!choosing[i]) assert.is(out.executed[i], running[i]);
      }
      assert.ok(out.reward === 0 || (out.reward === 1 && out.terminated));
      choosing = Array.from(out.macDone);
      running = Array.from(out.executed);
      if (out.terminated || out.truncated) {
        assert.ok(out.terminated || t === 59);
        return;
      }
    }
    assert.unreachable('no end by the horizon');
  }), { numRuns: 60 });
});

test('options are checked', () => {
  assert.throws(() => makeEnv('ct-10', { flickerProb: 1.5 }), /flickerProb must lie in \[0, 1\]/);
  assert.throws(() => makeEnv('ct-10', { nAgents: 0 }), /nAgents must be a positive integer/);
  assert.throws(() => makeEnv('ct-10', { random: 3 as unknown as RandomSource }), /RandomSource/);
  const env = makeEnv('ct-10', { nAgents: 3 });
  assert.is(env.spec.stateDim, 8);
  env.reset();
  assert.ok(env.render().includes('T') || env.render().includes('*'));
});


test('fixPrimitiveObsScale: primitive observations divided by the grid size', () => {
  const env = makeEnv('ct-10', { primitive: true, fixPrimitiveObsScale: true, seed: 1 }) as CaptureTarget;
  const { obs } = env.reset();
  assert.is(obs[0][0], Math.fround(env.ax[0] / 10));
  const reference = makeEnv('ct-10', { primitive: true, seed: 1 }) as CaptureTarget;
  assert.is(reference.reset().obs[0][0], Math.fround(reference.ax[0] / 4.5));
});

test.run();
