// The paper's settings (specs/algorithms.md §9): the AVF values of §9.1 for every env, the authors'
// Dec-MADDRQN / Cen-MADDRQN scripts of §9.2, and the synchronous baselines' pymarl values of §9.3.
// Each algorithm's entry in algorithms.ts overlays its own part on baseDefaults(env).
import type { TrainConfig } from './config.ts';
import type { EnvId } from '../envs/index.ts';
import type { MixerKind } from '../mixers/index.ts';

type Domain = 'bp' | 'wtd' | 'ct';
const domainOf = (env: EnvId): Domain => (env.startsWith('bp') ? 'bp' : env.startsWith('wtd') ? 'wtd' : 'ct');
export type Defaults = Omit<TrainConfig, 'env' | 'algo'>;

/** §9.1: what every algorithm starts from (the AVF settings that do not depend on the mixer). */
export function baseDefaults(env: EnvId): Defaults {
  const domain = domainOf(env);
  const episodes = { bp: 40_000, wtd: env === 'wtd-t' || env === 'wtd-t1' ? 80_000 : 40_000, ct: 20_000 }[domain];
  const epsDecayEpisodes = { bp: env === 'bp-10' ? 6000 : 8000, wtd: 10_000, ct: 4000 }[domain];
  return {
    primitive: false, seed: 0, episodes, horizon: 0, rewards: 'scripts',
    stateMode: 'joint-macro', lr: domain === 'wtd' ? 1e-4 : 5e-5, gamma: domain === 'wtd' ? 0.9 : 0.99, bufferEpisodes: 2500, batchSize: 64, windowLength: 25, polyak: 0.995,
    hidden: 64, mixerEmbed: 32, hypernetEmbed: 32, hypernetLayers: 2, qplexHeads: 4, qplexTransformHidden: 32,
    qplexHeadHidden: 32, qplexConditionalV: true, gradClip: 10, trainEvery: 25, trainCounter: 'global',
    startTrain: domain === 'wtd' ? 2000 : 500, epsStart: 1, epsEnd: 0.05, epsDecayEpisodes,
    evalEvery: 100, evalEpisodes: 1, forceTerminalValid: true, mlpHidden: 32, hysteresisStart: 1, hysteresisEnd: 1,
    hysteresisEpisodes: 1, targetUpdateEvery: 0, wholeEpisodes: false, frontPaddedWindows: false, shareParameters: false,
    lastActionInput: false, agentIdInput: false, optimizer: 'adam', optimizerEps: 1e-8, epsDecaySteps: 0, trainEveryEpisodes: 0,
    targetUpdateEveryEpisodes: 0, checkpointEvery: 1000, checkpointSeconds: 300, out: '',
    criticLr: 3e-3, parallelEnvs: 32, nStep: 1, entropyWeight: 0, criticHidden: 64,
  };
}

/** §9.1 per mixer: QPLEX lr 1e-4 everywhere; VDN γ 0.9 everywhere. */
export function avfDefaults(mixer: MixerKind): Partial<TrainConfig> {
  return { ...(mixer === 'qplex' ? { lr: 1e-4 } : {}), ...(mixer === 'vdn' ? { gamma: 0.9 } : {}) };
}

/**
 * Synchronous VDN / QMIX / QPLEX with the original implementations' settings (§8, §9.3; pymarl and the
 * QPLEX code): shared agent net fed obs, last action and agent id; real state; batches of 32 whole
 * episodes, one step per episode; RMSprop 5e-4; hard target copy every 200 episodes; ε over 50 000 env
 * steps; 20 greedy test episodes. QPLEX's 3-layer advantage hypernet is 2 layers here.
 */
export function syncDefaults(mixer: MixerKind): Partial<TrainConfig> {
  return {
    primitive: true, stateMode: 'real', shareParameters: true, lastActionInput: true, agentIdInput: true,
    optimizer: 'rmsprop', optimizerEps: 1e-5, lr: 5e-4, gradClip: 10, gamma: 0.99, hidden: 64,
    wholeEpisodes: true, batchSize: 32, bufferEpisodes: 5000, startTrain: 32, trainEveryEpisodes: 1, targetUpdateEveryEpisodes: 200,
    epsStart: 1, epsEnd: 0.05, epsDecaySteps: 50_000, evalEvery: 20, evalEpisodes: 20,
    mixerEmbed: 32, hypernetEmbed: 64, hypernetLayers: 2,
    ...(mixer === 'qplex' ? { qplexHeads: 10, qplexTransformHidden: 64, qplexHeadHidden: 64, qplexConditionalV: false } : {}),
  };
}

/** Dec-MADDRQN, §9.2 (authors' scripts; WTD-T1 and CT-10 from the nearest setting [D16]). */
export function decDefaults(env: EnvId): Partial<TrainConfig> {
  // forceTerminalValid false: when an episode ends while an agent's macro-action still runs, the reference
  // drops that agent's transition instead of inventing one credited with its partner's terminal reward
  const common = { frontPaddedWindows: true, hidden: 32, mlpHidden: 32, hysteresisStart: 0.2, hysteresisEnd: 0.4, targetUpdateEvery: 5000, gradClip: 0, epsEnd: 0.05, forceTerminalValid: false };
  const bp = (L: number, lr: number, decay: number) => ({
    ...common, batchSize: 32, windowLength: L, trainEvery: L, lr, gamma: 0.98, epsDecayEpisodes: decay, hysteresisEpisodes: decay, startTrain: 500,
  });
  const wtd = (batch: number, f: number, lr: number, start: number) => ({
    ...common, wholeEpisodes: true, batchSize: batch, trainEvery: f, lr, gamma: 1, epsDecayEpisodes: 10_000, hysteresisEpisodes: 10_000, startTrain: start, bufferEpisodes: 2000,
  });
  switch (env) {
    case 'bp-10': return bp(14, 1e-3, 6000);
    case 'bp-20': return bp(35, 1e-3, 8000);
    case 'bp-30': return bp(45, 5e-4, 8000);
    case 'wtd-s': return { ...wtd(16, 30, 6e-4, 2), bufferEpisodes: 1000, hidden: 64, epsEnd: 0.1, epsDecayEpisodes: 6000, hysteresisEpisodes: 6000 };
    case 'wtd-d': return wtd(64, 128, 1e-4, 2000);
    case 'wtd-t': case 'wtd-t1': return wtd(64, 128, 5e-5, 2000);
    case 'ct-10': return { ...common, batchSize: 32, windowLength: 4, trainEvery: 5, lr: 1e-3, gamma: 0.95, epsEnd: 0.1, epsDecayEpisodes: 4000, hysteresisEpisodes: 4000, hidden: 64, startTrain: 2 };
  }
}

/** Cen-MADDRQN, §9.2: Dec's machinery, no hysteresis (h = 1) except the WTD-T script's quirk. */
export function cenDefaults(env: EnvId): Partial<TrainConfig> {
  const off = { hysteresisStart: 1, hysteresisEnd: 1, hidden: 64 };
  const own = (): Partial<TrainConfig> => {
    switch (env) {
      case 'bp-10': return { ...off, batchSize: 128 };
      case 'bp-20': return { ...off, batchSize: 64 };
      case 'bp-30': return { ...off, batchSize: 32, lr: 1e-3 };
      case 'wtd-s': return { ...off, hidden: 128 };
      case 'wtd-d': return off;
      case 'wtd-t': case 'wtd-t1': return { hidden: 64, trainEvery: 64 }; // h 0.2 → 0.4 as the R-MM Warehouse-C script
      case 'ct-10': return off;
    }
  };
  // Cen keeps forcing terminal transitions valid (its joint filter would otherwise drop a terminal step on
  // which no macro-action ended, and its reward with it); only Dec-MADDRQN's per-agent transitions changed
  return { ...decDefaults(env), forceTerminalValid: true, ...own() };
}

/**
 * Mac-IAICC / Mac-IAISC, §9.2 (authors' scripts): Adam, no clipping, entropy 0, ε from 1 over episodes,
 * one update per round of nEnv = trainFreq episodes, 10 test episodes at the first round boundary of every
 * 100 episodes (the reference evaluates every eval_freq − eval_freq % train_freq episodes: 96 for nEnv 32). Envs without a script
 * take the nearest scripted setting [D16]: BP-20 as BP-10, WTD-S as WTD-D, WTD-T as WTD-T1.
 */
export function macDefaults(env: EnvId): Partial<TrainConfig> {
  const row = (lr: number, criticLr: number, nEnv: number, target: number, nStep: number, epsEnd: number, decay: number, gamma: number, criticHidden: number) => ({
    lr, criticLr, parallelEnvs: nEnv, trainEveryEpisodes: nEnv, targetUpdateEveryEpisodes: target, nStep, epsEnd, epsDecayEpisodes: decay, gamma, criticHidden,
    hidden: 32, mlpHidden: 32, gradClip: 0, startTrain: 0, epsStart: 1, evalEvery: 100 - (100 % nEnv), evalEpisodes: 10, forceTerminalValid: false,
  });
  switch (env) {
    case 'bp-10': case 'bp-20': return row(3e-4, 3e-3, 32, 64, 1, 0.01, 6000, 0.98, 32);
    case 'bp-30': return row(5e-4, 3e-3, 48, 48, 1, 0.01, 8000, 0.98, 32);
    case 'wtd-s': case 'wtd-d': return row(5e-4, 5e-4, 4, 32, 5, 0.05, 10_000, 1, 64);
    case 'wtd-t': case 'wtd-t1': return row(3e-4, 3e-3, 8, 64, 5, 0.01, 10_000, 1, 64);
    case 'ct-10': return row(3e-4, 3e-3, 32, 64, 1, 0.01, 4000, 0.95, 64);
  }
}
