// The state of one training run and the named steps of Alg. 1 (specs/algorithms.md §5.2): collect an
// episode with the ε-greedy controller (training every `trainEvery` env steps once `startTrain`
// episodes are stored), train if due per episode, evaluate greedily if due. runner.ts drives it.
import { hysteresisAt, epsilonAt } from '../acting/schedules.ts';
import type { ActingController } from '../acting/controller.ts';
import { algorithm, type Algorithm } from '../algorithms.ts';
import type { TrainConfig } from '../config.ts';
import { AgentInputs } from '../data/agent-inputs.ts';
import { EpisodeBuilder, type Episode } from '../data/episode.ts';
import { ReplayBuffer } from '../data/replay-buffer.ts';
import type { Learner } from '../learners/learner.ts';
import { makeEnv, type EnvSpec, type MacEnv } from '../../envs/index.ts';
import { Rng } from '../../lib/rng.ts';

export interface TrainingCounters {
  episode: number;
  envSteps: number;
  wallSeconds: number;
  /** [episode, greedy return] of every evaluation */
  evalReturns: [number, number][];
}

/** Puts a saved training state into a freshly built trainer (run-state.ts). */
export type Restore = (trainer: Trainer) => void;

/** [P] App. D's Box Pushing rewards (the authors' scripts use 300 / 20 / −10, the default). */
const APPENDIX_D_REWARDS = { bigBoxReward: 100, smallBoxReward: 10, penalty: -10 };

/** The env a run trains on: the configured one, with pymarl-style agent inputs when the config asks for them. */
export function envFor(config: TrainConfig, base?: MacEnv): MacEnv {
  const env = base ?? makeEnv(config.env, {
    primitive: config.primitive, ...(config.horizon > 0 ? { horizon: config.horizon } : {}),
    ...(config.rewards === 'appendix-d' ? APPENDIX_D_REWARDS : {}),
  });
  const wrap = config.shareParameters || config.lastActionInput || config.agentIdInput;
  return wrap ? new AgentInputs(env, { lastAction: config.lastActionInput, agentId: config.agentIdInput }) : env;
}

/** Undiscounted return of one greedy episode (ε = 0, fresh hidden state); onStep sees every step. */
export function greedyEpisode(env: MacEnv, controller: ActingController, seed: number, rng: Rng, onStep?: (reward: number, total: number) => void): number {
  const start = env.reset(seed);
  let obs = start.obs, choosing: ArrayLike<number> = start.choosing, state = start.state, total = 0;
  controller.reset();
  const actions = new Int32Array(env.spec.nAgents);
  for (;;) {
    controller.act(obs, choosing, 0, rng, actions, state);
    const out = env.step(actions);
    total += out.reward;
    onStep?.(out.reward, total);
    if (out.terminated || out.truncated) return total;
    obs = out.obs;
    choosing = out.choosing;
    state = out.state;
  }
}

/** One of the lockstep envs of an on-policy round, with its own recurrent controller and episode recording. */
interface Lane {
  env: MacEnv;
  builder: EpisodeBuilder;
  controller: ActingController;
  actions: Int32Array;
  obs: Float32Array[];
  choosing: ArrayLike<number>;
  state: Float32Array;
}

export class Trainer {
  readonly config: TrainConfig;
  readonly algorithm: Algorithm;
  readonly env: MacEnv;
  readonly evalEnv: MacEnv;
  readonly layout: EnvSpec;
  readonly rng: Rng;
  readonly evalRng: Rng;
  readonly learner: Learner;
  readonly buffer: ReplayBuffer;
  readonly counters: TrainingCounters = { episode: 0, envSteps: 0, wallSeconds: 0, evalReturns: [] };
  /** loss of the latest update */
  lastLoss: number | undefined;
  /** ε of the episode being collected */
  epsilon = 1;
  /** on-policy learners: finished episodes of the current round not yet handed out */
  pending: Episode[] = [];
  /** on-policy learners: the lockstep envs of the rounds, made at the first round */
  private lanes: Lane[] = [];
  private readonly builder: EpisodeBuilder;
  private readonly controller: ActingController;
  private readonly actions: Int32Array;
  private readonly makeBaseEnv?: (config: TrainConfig) => MacEnv;

  constructor(config: TrainConfig, makeBaseEnv?: (config: TrainConfig) => MacEnv, restore?: Restore) {
    this.config = config;
    this.algorithm = algorithm(config.algo);
    this.env = envFor(config, makeBaseEnv?.(config));
    this.evalEnv = envFor(config, makeBaseEnv?.(config));
    this.layout = this.env.spec;
    this.rng = new Rng(config.seed);
    this.evalRng = this.rng.split();
    this.learner = this.algorithm.makeLearner(config, this.layout, this.rng.split());
    // on-policy: the buffer holds exactly the current round's episodes handed out so far
    this.buffer = new ReplayBuffer(this.algorithm.onPolicy ? config.trainEveryEpisodes : config.bufferEpisodes);
    this.builder = new EpisodeBuilder(this.layout, this.layout.horizon, config.gamma, config.forceTerminalValid);
    this.controller = this.algorithm.makeController(config, this.layout, this.learner.nets);
    this.actions = new Int32Array(this.layout.nAgents);
    this.makeBaseEnv = makeBaseEnv;
    restore?.(this);
  }

  get done(): boolean {
    return this.counters.episode >= this.config.episodes;
  }

  /** The next episode: acted now (off-policy learners) or the next one of the current on-policy round. */
  collectEpisode(): Episode {
    return this.algorithm.onPolicy ? this.nextOfRound() : this.actEpisode();
  }

  // ALGO LOGIC: act ε-greedily at each agent's own decision points, record, train every trainEvery steps
  private actEpisode(): Episode {
    const { config, learner, buffer, counters, env } = this;
    this.epsilon = epsilonAt(config, buffer.added, counters.envSteps);
    learner.hysteresis = hysteresisAt(config, buffer.added);
    const start = env.reset(this.rng.int(0x7fffffff));
    let obs = start.obs, choosing: ArrayLike<number> = start.choosing, state = start.state;
    this.controller.reset();
    this.builder.begin(obs, start.state);
    for (let t = 0; ; t++) {
      this.controller.act(obs, choosing, this.epsilon, this.rng, this.actions, state);
      const step = env.step(this.actions);
      this.builder.add(step);
      counters.envSteps++;
      const count = config.trainCounter === 'episode' ? t : counters.envSteps;
      if (config.trainEveryEpisodes === 0 && count % config.trainEvery === 0) this.trainIfReady();
      learner.afterEnvStep(counters.envSteps);
      if (step.terminated || step.truncated) break;
      obs = step.obs;
      choosing = step.choosing;
      state = step.state;
    }
    const episode = this.builder.finish();
    buffer.push(episode);
    counters.episode++;
    return episode;
  }

  /** Hands out the round's episodes one by one; an empty queue first collects a new round. */
  private nextOfRound(): Episode {
    if (this.pending.length === 0) this.collectRound();
    const episode = this.pending.shift()!;
    this.buffer.push(episode);
    this.counters.episode++;
    return episode;
  }

  /**
   * One on-policy round (MacroMARL's EnvsRunner): parallelEnvs envs step in lockstep with the current
   * policy; an env whose episode ends starts a new one; the round ends after the lockstep pass in which
   * trainEveryEpisodes episodes have finished, keeping the last trainEveryEpisodes to finish (the
   * reference's deque of that length) and dropping the episodes still running. ε is the round's, from the
   * episodes collected so far.
   */
  private collectRound(): void {
    const { config, counters, rng } = this, n = config.parallelEnvs, want = config.trainEveryEpisodes;
    this.epsilon = epsilonAt(config, this.buffer.added, counters.envSteps);
    this.learner.epsilon = this.epsilon;
    if (this.lanes.length === 0) {
      this.lanes = Array.from({ length: n }, (): Lane => ({
        env: envFor(config, this.makeBaseEnv?.(config)), builder: new EpisodeBuilder(this.layout, this.layout.horizon, config.gamma, config.forceTerminalValid),
        controller: this.algorithm.makeController(config, this.layout, this.learner.nets), actions: new Int32Array(this.layout.nAgents), obs: [], choosing: [], state: new Float32Array(0),
      }));
    }
    const lanes = this.lanes;
    const start = (lane: Lane) => {
      const s = lane.env.reset(rng.int(0x7fffffff));
      lane.controller.reset();
      lane.builder.begin(s.obs, s.state);
      lane.obs = s.obs;
      lane.choosing = s.choosing;
      lane.state = s.state;
    };
    lanes.forEach(start);
    const finished: Episode[] = [];
    while (finished.length < want) {
      for (const lane of lanes) {
        lane.controller.act(lane.obs, lane.choosing, this.epsilon, rng, lane.actions, lane.state);
        const step = lane.env.step(lane.actions);
        lane.builder.add(step);
        counters.envSteps++;
        if (step.terminated || step.truncated) {
          finished.push(lane.builder.finish());
          start(lane);
        } else {
          lane.obs = step.obs;
          lane.choosing = step.choosing;
          lane.state = step.state;
        }
      }
    }
    this.pending = finished.slice(-want); // episodes still running are dropped: every round restarts every lane
  }

  /**
   * The per-episode update (trainEveryEpisodes > 0) and the learner's end-of-episode hook. On-policy: one
   * update on exactly the round's episodes, in the order they finished, when its last one is handed out.
   */
  trainIfDue(): void {
    const every = this.config.trainEveryEpisodes;
    if (every > 0 && this.counters.episode % every === 0) {
      if (!this.algorithm.onPolicy) this.trainIfReady();
      else {
        const loss = this.learner.trainOn(this.buffer.episodes.map((episode) => ({ episode, start: 0 })), this.layout.horizon);
        if (loss !== null) this.lastLoss = loss;
      }
    }
    this.learner.afterEpisode(this.counters.episode);
  }

  /** Mean return of evalEpisodes greedy episodes when the episode count is a multiple of evalEvery. */
  evaluateIfDue(): number | undefined {
    const { config, counters } = this;
    if (counters.episode % config.evalEvery !== 0) return undefined;
    const controller = this.algorithm.makeController(config, this.layout, this.learner.nets); // reset by every episode
    let sum = 0;
    for (let k = 0; k < config.evalEpisodes; k++) sum += greedyEpisode(this.evalEnv, controller, this.evalRng.int(0x7fffffff), this.evalRng);
    const mean = sum / config.evalEpisodes;
    counters.evalReturns.push([counters.episode, mean]);
    return mean;
  }

  /** One update on a sampled batch (windows of L steps, or whole episodes) once startTrain episodes are stored. */
  private trainIfReady(): void {
    const { config, buffer, rng } = this;
    if (buffer.added < config.startTrain) return;
    const windows = config.wholeEpisodes
      ? buffer.sampleEpisodes(config.batchSize, rng)
      : buffer.sampleWindows(config.batchSize, rng, config.windowLength, config.frontPaddedWindows);
    if (windows === null) return;
    const loss = this.learner.trainOn(windows, config.wholeEpisodes ? this.layout.horizon : config.windowLength);
    if (loss !== null) this.lastLoss = loss;
  }

  close(): void {
    this.env.close();
    this.evalEnv.close();
    for (const lane of this.lanes) lane.env.close();
  }
}
