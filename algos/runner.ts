// The training loop (specs/algorithms.md Alg. 1, §5.2): act with the controller, record whole episodes
// in the replay buffer, one gradient step every `trainEvery` env steps once `startTrain` episodes are
// stored, a greedy evaluation every `evalEvery` episodes, metrics and checkpoints in the run folder.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TrainConfig, epsilonAt, hysteresisAt, resolveConfig } from './config.ts';
import { EpisodeBuilder } from './episode.ts';
import { makeController, makeLearner, type ActingController } from './learner.ts';
import { type EpisodeMetrics, appendMetrics, writeCurve } from './metrics.ts';
import { Progress } from './progress.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import { loadTrainingState, savePolicy, saveTrainingState, type TrainingCounters } from './run-state.ts';
import { makeEnv } from '../envs/index.ts';
import { AgentInputs } from './agent-inputs.ts';
import type { MacEnv } from '../envs/macdec.ts';
import { Rng } from '../lib/rng.ts';

export interface TrainHooks {
  onEpisode?: (metrics: EpisodeMetrics) => void;
  onEval?: (episode: number, evalReturn: number) => void;
  /** draw a progress bar on stderr */
  progress?: boolean;
  /** build the env yourself (tests use small custom worlds); default makeEnv(config.env, …) */
  makeEnv?: (config: TrainConfig) => MacEnv;
}

export interface RunResult {
  config: TrainConfig;
  episodes: number;
  envSteps: number;
  updates: number;
  /** [episode, greedy return] of every evaluation */
  evalReturns: [number, number][];
  wallSeconds: number;
  outDir: string | null;
  /** stopped early by SIGINT (a checkpoint was written first) */
  interrupted: boolean;
}

/** The env a run trains on: the configured one, with pymarl-style agent inputs when the config asks for them. */
export function envFor(config: TrainConfig, base?: MacEnv): MacEnv {
  const env = base ?? makeEnv(config.env, { primitive: config.primitive, ...(config.horizon > 0 ? { horizon: config.horizon } : {}) });
  const wrap = config.shareParameters || config.lastActionInput || config.agentIdInput;
  return wrap ? new AgentInputs(env, { lastAction: config.lastActionInput, agentId: config.agentIdInput }) : env;
}

/** Undiscounted return of one greedy episode (ε = 0, fresh hidden state); onStep sees every step. */
export function greedyEpisode(env: MacEnv, controller: ActingController, seed: number, rng: Rng, onStep?: (reward: number, total: number) => void): number {
  let { obs } = env.reset(seed);
  controller.reset();
  const actions = new Int32Array(env.spec.nAgents);
  let choosing: ArrayLike<number> = new Uint8Array(env.spec.nAgents).fill(1), total = 0;
  for (;;) {
    controller.act(obs, choosing, 0, rng, actions);
    const out = env.step(actions);
    total += out.reward;
    onStep?.(out.reward, total);
    if (out.terminated || out.truncated) return total;
    obs = out.obs;
    choosing = out.macDone;
  }
}

/** Trains from scratch with `partial` over the defaults of (algo, env). */
export async function train(partial: Partial<TrainConfig>, hooks: TrainHooks = {}): Promise<RunResult> {
  return run(resolveConfig(partial), hooks, null);
}

/** Continues the run saved in `dir` (its training.avf); `episodes` may raise the target. */
export async function resume(dir: string, hooks: TrainHooks = {}, episodes?: number): Promise<RunResult> {
  const saved = loadTrainingState(join(dir, 'training.avf'));
  const config = resolveConfig({ ...saved.config, out: dir, ...(episodes === undefined ? {} : { episodes }) });
  return run(config, hooks, saved);
}

async function run(config: TrainConfig, hooks: TrainHooks, saved: ReturnType<typeof loadTrainingState> | null): Promise<RunResult> {
  const env = envFor(config, hooks.makeEnv?.(config));
  const evalEnv = envFor(config, hooks.makeEnv?.(config));
  const layout = env.spec;
  const rng = new Rng(config.seed), evalRng = rng.split();
  const learner = makeLearner(config, layout, rng.split());
  const buffer = new ReplayBuffer(config.bufferEpisodes);
  const builder = new EpisodeBuilder(layout, layout.horizon, config.gamma, config.forceTerminalValid);
  const controller = makeController(config, layout, learner.nets);
  const counters: TrainingCounters = { episode: 0, envSteps: 0, wallSeconds: 0, evalReturns: [] };
  if (saved) saved.restore(learner, buffer, counters, rng, evalRng);

  const out = config.out === '' ? null : config.out;
  if (out) {
    mkdirSync(out, { recursive: true });
    if (!saved || !existsSync(join(out, 'metrics.jsonl'))) writeFileSync(join(out, 'metrics.jsonl'), '');
    writeFileSync(join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  }
  const checkpoint = () => {
    if (!out) return;
    savePolicy(join(out, 'policy.avf'), config, layout, learner.nets);
    saveTrainingState(join(out, 'training.avf'), config, learner, buffer, counters, rng, evalRng);
    writeCurve(join(out, 'curve.svg'), counters.evalReturns, `${config.algo} on ${config.env}${config.primitive ? ' (primitive)' : ''}, seed ${config.seed}`);
  };
  let interrupted = false;
  const onSigint = () => { interrupted = true; };
  process.once('SIGINT', onSigint);
  const progress = hooks.progress ? new Progress(config.episodes) : null;
  const started = Date.now() - counters.wallSeconds * 1000;
  const actions = new Int32Array(layout.nAgents);
  let lastLoss: number | undefined, recentReturn = 0;
  /** One gradient step on a sampled batch: windows of L steps, or whole episodes. */
  const trainStep = (): number | null => {
    const windows = config.wholeEpisodes
      ? buffer.sampleEpisodes(config.batchSize, rng)
      : buffer.sampleWindows(config.batchSize, rng, config.windowLength, config.frontPaddedWindows);
    return windows ? learner.trainOn(windows, config.wholeEpisodes ? layout.horizon : config.windowLength) : null;
  };
  try {
    while (counters.episode < config.episodes && !interrupted) {
      const epsilon = epsilonAt(config, buffer.added, counters.envSteps);
      if (learner.hysteresis !== undefined) learner.hysteresis = hysteresisAt(config, buffer.added);
      const start = env.reset(rng.int(0x7fffffff));
      let obs = start.obs;
      controller.reset();
      builder.begin(obs, start.state);
      let choosing: ArrayLike<number> = new Uint8Array(layout.nAgents).fill(1);
      for (;;) {
        controller.act(obs, choosing, epsilon, rng, actions);
        const step = env.step(actions);
        builder.add(step);
        counters.envSteps++;
        if (config.trainEveryEpisodes === 0 && buffer.added >= config.startTrain && counters.envSteps % config.trainEvery === 0) lastLoss = trainStep() ?? lastLoss;
        learner.afterEnvStep?.(counters.envSteps);
        if (step.terminated || step.truncated) break;
        obs = step.obs;
        choosing = step.macDone;
      }
      const episode = builder.finish();
      buffer.push(episode);
      counters.episode++;
      if (config.trainEveryEpisodes > 0 && buffer.added >= config.startTrain && counters.episode % config.trainEveryEpisodes === 0) lastLoss = trainStep() ?? lastLoss;
      learner.afterEpisode?.(counters.episode);
      recentReturn = counters.episode === 1 ? episode.totalReward : 0.95 * recentReturn + 0.05 * episode.totalReward;
      let evalReturn: number | undefined;
      if (counters.episode % config.evalEvery === 0) {
        let sum = 0;
        for (let k = 0; k < config.evalEpisodes; k++) sum += greedyEpisode(evalEnv, makeController(config, layout, learner.nets), evalRng.int(0x7fffffff), evalRng);
        evalReturn = sum / config.evalEpisodes;
        counters.evalReturns.push([counters.episode, evalReturn]);
        hooks.onEval?.(counters.episode, evalReturn);
      }
      counters.wallSeconds = (Date.now() - started) / 1000;
      const metrics: EpisodeMetrics = {
        episode: counters.episode, envSteps: counters.envSteps, trainReturn: episode.totalReward,
        ...(evalReturn === undefined ? {} : { evalReturn }), ...(lastLoss === undefined ? {} : { loss: lastLoss }),
        epsilon, updates: learner.updates, wallSeconds: counters.wallSeconds,
      };
      if (out) appendMetrics(join(out, 'metrics.jsonl'), metrics);
      hooks.onEpisode?.(metrics);
      if (progress) {
        const lastEval = counters.evalReturns.at(-1)?.[1];
        const speed = counters.envSteps / Math.max(1e-9, counters.wallSeconds);
        progress.update(counters.episode, `return ${recentReturn.toFixed(1)}${lastEval === undefined ? '' : ` (greedy ${lastEval.toFixed(1)})`} | ε ${epsilon.toFixed(2)} | ${speed.toFixed(0)} steps/s`, counters.episode === config.episodes);
      }
      if (counters.episode % config.checkpointEvery === 0) checkpoint();
      await new Promise((r) => setImmediate(r)); // let a pending SIGINT through
    }
    checkpoint();
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress?.finish();
  }
  return {
    config, episodes: counters.episode, envSteps: counters.envSteps, updates: learner.updates,
    evalReturns: counters.evalReturns, wallSeconds: counters.wallSeconds, outDir: out, interrupted,
  };
}
