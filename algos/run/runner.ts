// Training runs (design §2): train() from a config, resume() from a run folder. The loop reads as
// Alg. 1 — collect an episode, train if due, evaluate if due, record — with metrics, the learning
// curve and checkpoints in the run folder, a progress bar on stderr, and SIGINT / SIGTERM stopping
// after the current episode with a checkpoint written (checkpoints also every checkpointSeconds).
import { join } from 'node:path';
import { resolveConfig } from '../algorithms.ts';
import type { TrainConfig } from '../config.ts';
import { type EpisodeMetrics, appendMetrics, writeCurve } from './metrics.ts';
import { Progress } from './progress.ts';
import { markDone, prepareRunFolder } from './run-folder.ts';
import { loadTrainingState, savePolicy, saveTrainingState } from './run-state.ts';
import { Trainer, type Restore } from './trainer.ts';
import type { MacEnv } from '../../envs/index.ts';

export interface TrainHooks {
  onEpisode?: (metrics: EpisodeMetrics) => void;
  onEval?: (episode: number, evalReturn: number) => void;
  /** draw a progress bar on stderr */
  progress?: boolean;
  /** build the env yourself (tests use small custom worlds); default makeEnv(config.env, …) */
  makeEnv?: (config: TrainConfig) => MacEnv;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface RunResult {
  config: TrainConfig;
  episodes: number;
  envSteps: number;
  updates: number;
  /** [episode, greedy return] of every evaluation */
  evalReturns: [number, number][];
  wallSeconds: number;
  outDir: string | null;
  /** stopped early by a signal (a checkpoint was written first) */
  interrupted: boolean;
  stoppedBy: StopSignal | null;
}

/** Trains from scratch with `partial` over the defaults of (algo, env). */
export async function train(partial: Partial<TrainConfig>, hooks: TrainHooks = {}): Promise<RunResult> {
  return run(resolveConfig(partial), hooks);
}

/** Continues the run saved in `dir` (its training.avf); `episodes` may raise the target. */
export async function resume(dir: string, hooks: TrainHooks = {}, episodes?: number): Promise<RunResult> {
  const saved = loadTrainingState(join(dir, 'training.avf'));
  const config = resolveConfig({ ...saved.config, out: dir, ...(episodes === undefined ? {} : { episodes }) });
  return run(config, hooks, saved.restore);
}

/**
 * Sets `signal` when SIGINT or SIGTERM arrives, until dispose(). A run started by `avf experiment` (with an
 * IPC channel to its parent) also stops as for SIGTERM when that channel closes: the experiment runner
 * died, and its runs must not go on writing into folders a rerun will resume.
 */
function watchSignals(): { signal: StopSignal | null; dispose(): void } {
  const watch = { signal: null as StopSignal | null, dispose: () => {} };
  const onInt = () => { watch.signal = 'SIGINT'; };
  const onTerm = () => { watch.signal = 'SIGTERM'; };
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  if (process.connected) process.once('disconnect', onTerm);
  watch.dispose = () => {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
    process.removeListener('disconnect', onTerm);
  };
  return watch;
}

async function run(config: TrainConfig, hooks: TrainHooks, restore?: Restore): Promise<RunResult> {
  const trainer = new Trainer(config, hooks.makeEnv, restore);
  const { counters, learner } = trainer;
  const out = config.out === '' ? null : config.out;
  if (out) prepareRunFolder(out, config, restore ? counters.episode : null);
  let lastCheckpoint = performance.now();
  const checkpoint = () => {
    lastCheckpoint = performance.now();
    if (!out) return;
    savePolicy(join(out, 'policy.avf'), config, trainer.layout, learner.nets);
    saveTrainingState(join(out, 'training.avf'), trainer);
    writeCurve(join(out, 'curve.svg'), counters.evalReturns, `${config.algo} on ${config.env}${config.primitive ? ' (primitive)' : ''}, seed ${config.seed}`);
  };
  const signals = watchSignals();
  const progress = hooks.progress ? new Progress(config.episodes) : null;
  const started = Date.now() - counters.wallSeconds * 1000;
  let recentReturn = 0;
  try {
    while (!trainer.done && signals.signal === null) {
      const episode = trainer.collectEpisode();
      trainer.trainIfDue();
      const evalReturn = trainer.evaluateIfDue();
      if (evalReturn !== undefined) hooks.onEval?.(counters.episode, evalReturn);
      // record
      counters.wallSeconds = (Date.now() - started) / 1000;
      recentReturn = counters.episode === 1 ? episode.totalReward : 0.95 * recentReturn + 0.05 * episode.totalReward;
      const metrics: EpisodeMetrics = {
        episode: counters.episode, envSteps: counters.envSteps, trainReturn: episode.totalReward,
        ...(evalReturn === undefined ? {} : { evalReturn }), ...(trainer.lastLoss === undefined ? {} : { loss: trainer.lastLoss }),
        epsilon: trainer.epsilon, updates: learner.updates, wallSeconds: counters.wallSeconds,
      };
      if (out) appendMetrics(join(out, 'metrics.jsonl'), metrics);
      hooks.onEpisode?.(metrics);
      progress?.update(counters.episode, progressDetail(trainer, recentReturn), trainer.done);
      const overdue = config.checkpointSeconds > 0 && performance.now() - lastCheckpoint >= config.checkpointSeconds * 1000;
      if (counters.episode % config.checkpointEvery === 0 || overdue) checkpoint();
      await new Promise((r) => setImmediate(r)); // let a pending signal through
    }
    checkpoint();
    if (out && trainer.done) {
      markDone(out, { episodes: counters.episode, envSteps: counters.envSteps, updates: learner.updates, wallSeconds: counters.wallSeconds }, counters.evalReturns);
    }
  } finally {
    signals.dispose();
    progress?.finish();
    trainer.close();
  }
  return {
    config, episodes: counters.episode, envSteps: counters.envSteps, updates: learner.updates, evalReturns: counters.evalReturns,
    wallSeconds: counters.wallSeconds, outDir: out, interrupted: signals.signal !== null, stoppedBy: signals.signal,
  };
}

function progressDetail(trainer: Trainer, recentReturn: number): string {
  const { counters } = trainer;
  const lastEval = counters.evalReturns.at(-1)?.[1];
  const speed = counters.envSteps / Math.max(1e-9, counters.wallSeconds);
  return `return ${recentReturn.toFixed(1)}${lastEval === undefined ? '' : ` (greedy ${lastEval.toFixed(1)})`} | ε ${trainer.epsilon.toFixed(2)} | ${speed.toFixed(0)} steps/s`;
}
