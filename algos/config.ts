// One typed training configuration, a doc line per field (cleanrl's Args), with the defaults of
// specs/algorithms.md §9 per algorithm and env. Every [D] decision of §12 is a field here.
import type { EnvId } from '../envs/macdec.ts';
import { ENV_IDS } from '../envs/index.ts';

export const ALGO_IDS = ['avf-vdn', 'avf-qmix', 'avf-qplex', 'dec-maddrqn', 'cen-maddrqn', 'mac-iaicc', 'vdn', 'qmix', 'qplex'] as const;
export type AlgoId = (typeof ALGO_IDS)[number];
export const STATE_MODES = ['joint-macro', 'real', 'terminated-macro'] as const;
/** What the mixer sees (§4.5): joint macro-state (AVF), the real state, or only terminated agents' macro-states. */
export type StateMode = (typeof STATE_MODES)[number];

export interface TrainConfig {
  /** environment id */
  env: EnvId;
  /** algorithm id */
  algo: AlgoId;
  /** run the primitive-action version of the env (always on for vdn / qmix / qplex) */
  primitive: boolean;
  /** seed of everything random in the run (networks, exploration, sampling, env) */
  seed: number;
  /** training episodes */
  episodes: number;
  /** episode length limit; 0 = the env's default horizon */
  horizon: number;
  /** mixer input: joint-macro (AVF), real (ablation), terminated-macro (ablation) */
  stateMode: StateMode;
  /** Adam learning rate */
  lr: number;
  /** discount γ */
  gamma: number;
  /** replay capacity in episodes (FIFO) */
  bufferEpisodes: number;
  /** windows per batch (B) */
  batchSize: number;
  /** window length in primitive steps (L) [D3] */
  windowLength: number;
  /** Polyak coefficient ω: target ← ω·target + (1 − ω)·online, after every gradient step */
  polyak: number;
  /** agent network hidden size (Linear and GRU) [D1] */
  hidden: number;
  /** QMIX mixing embed E */
  mixerEmbed: number;
  /** QMIX hypernetwork hidden size */
  hypernetEmbed: number;
  /** QMIX layers per weight hypernetwork */
  hypernetLayers: number;
  /** QPLEX attention heads [D10] */
  qplexHeads: number;
  /** QPLEX transformation hidden size [D10] */
  qplexTransformHidden: number;
  /** QPLEX key / agents / action extractor hidden size */
  qplexHeadHidden: number;
  /** QPLEX: running agents use their own utility as V (A = 0) [D11]; false = plain max for every agent */
  qplexConditionalV: boolean;
  /** global gradient-norm clip [D5]; 0 = no clipping (the MacroMARL scripts) */
  gradClip: number;
  /** one gradient step every this many env steps (global counter) [D6] */
  trainEvery: number;
  /** episodes stored before training starts; ε stays 1 until then [D7] */
  startTrain: number;
  /** ε at the start of the decay */
  epsStart: number;
  /** ε after the decay [D7] */
  epsEnd: number;
  /** episodes (counted from startTrain) over which ε decays linearly [D7] */
  epsDecayEpisodes: number;
  /** a greedy evaluation every this many training episodes [D14] */
  evalEvery: number;
  /** greedy episodes per evaluation [D14] */
  evalEpisodes: number;
  /** a real terminal step counts every agent as terminated [D13] */
  forceTerminalValid: boolean;
  /** baselines (§1.2): width of the Linear layers around the GRU (m0 = m1) */
  mlpHidden: number;
  /** hysteresis h at startTrain (negative TD errors scaled by h): Dec-MADDRQN 0.2; AVF and Cen 1 = off (an AVF option, not in the paper) */
  hysteresisStart: number;
  /** hysteresis h after the ramp */
  hysteresisEnd: number;
  /** episodes (from startTrain) over which h rises linearly */
  hysteresisEpisodes: number;
  /** hard target copy every this many env steps; 0 = Polyak averaging after every gradient step */
  targetUpdateEvery: number;
  /** batches of whole episodes (WTD baselines) instead of windows of windowLength steps */
  wholeEpisodes: boolean;
  /** also sample the windows that start before an episode (shorter, from step 0), as the MacroMARL trace buffer */
  frontPaddedWindows: boolean;
  /** one network shared by all agents (pymarl); heterogeneous agents get padded inputs and masked actions */
  shareParameters: boolean;
  /** append the one-hot of the agent's last executed action to its observation (pymarl obs_last_action) */
  lastActionInput: boolean;
  /** append the one-hot of the agent's index to its observation (pymarl obs_agent_id) */
  agentIdInput: boolean;
  /** optimiser: adam (AVF, MacroMARL) or rmsprop (pymarl) */
  optimizer: 'adam' | 'rmsprop';
  /** optimiser ε (Adam 1e-8; pymarl's RMSprop 1e-5) */
  optimizerEps: number;
  /** ε decays over this many env steps instead of epsDecayEpisodes episodes; 0 = by episodes */
  epsDecaySteps: number;
  /** one gradient step after every this many episodes instead of every trainEvery env steps; 0 = by steps */
  trainEveryEpisodes: number;
  /** hard target copy every this many episodes; 0 = off */
  targetUpdateEveryEpisodes: number;
  /** write a checkpoint every this many episodes (and at the end) */
  checkpointEvery: number;
  /** run folder for metrics.jsonl, curve.svg and the checkpoint; '' = do not write files */
  out: string;
}

type Domain = 'bp' | 'wtd' | 'ct';
const domainOf = (env: EnvId): Domain => (env.startsWith('bp') ? 'bp' : env.startsWith('wtd') ? 'wtd' : 'ct');

/** The defaults of specs/algorithms.md §9.1 (AVF) and §9.2 (Dec-MADDRQN) for this algorithm and env. */
export function defaultConfig(algo: AlgoId, env: EnvId): TrainConfig {
  const base = avfDefaults(algo, env);
  if (algo === 'dec-maddrqn') return { ...base, ...decDefaults(env) };
  if (algo === 'cen-maddrqn') return { ...base, ...decDefaults(env), ...cenDefaults(env) };
  if (algo === 'vdn' || algo === 'qmix' || algo === 'qplex') return { ...base, ...syncDefaults(algo) };
  return base;
}

/**
 * Synchronous VDN / QMIX / QPLEX with the original implementations' settings (specs/algorithms.md §8,
 * §9.3; pymarl and the QPLEX code): shared agent net fed obs, last action and agent id; real state;
 * batches of 32 whole episodes, one step per episode; RMSprop 5e-4; hard target copy every 200 episodes;
 * ε over 50 000 env steps; 20 greedy test episodes. QPLEX's 3-layer advantage hypernet is 2 layers here.
 */
function syncDefaults(algo: 'vdn' | 'qmix' | 'qplex'): Partial<TrainConfig> {
  return {
    primitive: true, stateMode: 'real', shareParameters: true, lastActionInput: true, agentIdInput: true,
    optimizer: 'rmsprop', optimizerEps: 1e-5, lr: 5e-4, gradClip: 10, gamma: 0.99, hidden: 64,
    wholeEpisodes: true, batchSize: 32, bufferEpisodes: 5000, startTrain: 32, trainEveryEpisodes: 1, targetUpdateEveryEpisodes: 200,
    epsStart: 1, epsEnd: 0.05, epsDecaySteps: 50_000, evalEvery: 20, evalEpisodes: 20,
    mixerEmbed: 32, hypernetEmbed: 64, hypernetLayers: 2,
    ...(algo === 'qplex' ? { qplexHeads: 10, qplexTransformHidden: 64, qplexHeadHidden: 64, qplexConditionalV: false } : {}),
  };
}

/** Cen-MADDRQN, specs/algorithms.md §9.2: Dec's machinery, no hysteresis (h = 1) except the WTD-T script's quirk. */
function cenDefaults(env: EnvId): Partial<TrainConfig> {
  const off = { hysteresisStart: 1, hysteresisEnd: 1, hidden: 64 };
  switch (env) {
    case 'bp-10': return { ...off, batchSize: 128 };
    case 'bp-20': return { ...off, batchSize: 64 };
    case 'bp-30': return { ...off, batchSize: 32, lr: 1e-3 };
    case 'wtd-s': return { ...off, hidden: 128 };
    case 'wtd-d': return off;
    case 'wtd-t': case 'wtd-t1': return { hidden: 64, trainEvery: 64 }; // h 0.2 → 0.4 as the R-MM Warehouse-C script
    case 'ct-10': return off;
  }
}

/** Dec-MADDRQN, specs/algorithms.md §9.2 (authors' scripts; WTD-T1 and CT-10 from the nearest setting [D16]). */
function decDefaults(env: EnvId): Partial<TrainConfig> {
  const common = { frontPaddedWindows: true, hidden: 32, mlpHidden: 32, hysteresisStart: 0.2, hysteresisEnd: 0.4, targetUpdateEvery: 5000, gradClip: 0, epsEnd: 0.05 };
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

function avfDefaults(algo: AlgoId, env: EnvId): TrainConfig {
  const domain = domainOf(env);
  const mixer = algo.replace('avf-', '');
  const lr = mixer === 'qplex' ? 1e-4 : domain === 'wtd' ? 1e-4 : 5e-5;
  const gamma = mixer === 'vdn' ? 0.9 : domain === 'wtd' ? 0.9 : 0.99;
  const episodes = { bp: 40_000, wtd: env === 'wtd-t' || env === 'wtd-t1' ? 80_000 : 40_000, ct: 20_000 }[domain];
  const epsDecayEpisodes = { bp: env === 'bp-10' ? 6000 : 8000, wtd: 10_000, ct: 4000 }[domain];
  return {
    env, algo, primitive: algo === 'vdn' || algo === 'qmix' || algo === 'qplex', seed: 0, episodes, horizon: 0,
    stateMode: 'joint-macro', lr, gamma, bufferEpisodes: 2500, batchSize: 64, windowLength: 25, polyak: 0.995,
    hidden: 64, mixerEmbed: 32, hypernetEmbed: 32, hypernetLayers: 2, qplexHeads: 4, qplexTransformHidden: 32,
    qplexHeadHidden: 32, qplexConditionalV: true, gradClip: 10, trainEvery: 25,
    startTrain: domain === 'wtd' ? 2000 : 500, epsStart: 1, epsEnd: 0.05, epsDecayEpisodes,
    evalEvery: 100, evalEpisodes: 1, forceTerminalValid: true, mlpHidden: 32, hysteresisStart: 1, hysteresisEnd: 1,
    hysteresisEpisodes: 1, targetUpdateEvery: 0, wholeEpisodes: false, frontPaddedWindows: false, shareParameters: false,
    lastActionInput: false, agentIdInput: false, optimizer: 'adam', optimizerEps: 1e-8, epsDecaySteps: 0, trainEveryEpisodes: 0,
    targetUpdateEveryEpisodes: 0, checkpointEvery: 1000, out: '',
  };
}

type Check = (value: unknown) => string | null;
const positiveInt: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? null : 'a positive integer');
const nonNegativeInt: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'a non-negative integer');
const positive: Check = (v) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? null : 'a positive number');
const unit: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'a number in [0, 1]');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const oneOf = (values: readonly string[]): Check => (v) => (values.includes(v as string) ? null : `one of ${values.join(', ')}`);

const CHECKS: { [K in keyof TrainConfig]: Check } = {
  env: oneOf(ENV_IDS), algo: oneOf(ALGO_IDS), primitive: bool, seed: (v) => (Number.isInteger(v) ? null : 'an integer'),
  episodes: positiveInt, horizon: nonNegativeInt, stateMode: oneOf(STATE_MODES), lr: positive, gamma: unit,
  bufferEpisodes: positiveInt, batchSize: positiveInt, windowLength: positiveInt, polyak: unit, hidden: positiveInt,
  mixerEmbed: positiveInt, hypernetEmbed: positiveInt, hypernetLayers: positiveInt, qplexHeads: positiveInt,
  qplexTransformHidden: positiveInt, qplexHeadHidden: positiveInt, qplexConditionalV: bool, gradClip: (v) => (typeof v === 'number' && v >= 0 && Number.isFinite(v) ? null : 'a non-negative number'),
  trainEvery: positiveInt, startTrain: nonNegativeInt, epsStart: unit, epsEnd: unit, epsDecayEpisodes: positiveInt,
  evalEvery: positiveInt, evalEpisodes: positiveInt, forceTerminalValid: bool, mlpHidden: positiveInt, hysteresisStart: unit,
  hysteresisEnd: unit, hysteresisEpisodes: positiveInt, targetUpdateEvery: nonNegativeInt, wholeEpisodes: bool, frontPaddedWindows: bool, shareParameters: bool, lastActionInput: bool,
  agentIdInput: bool, optimizer: oneOf(['adam', 'rmsprop']), optimizerEps: positive, epsDecaySteps: nonNegativeInt,
  trainEveryEpisodes: nonNegativeInt, targetUpdateEveryEpisodes: nonNegativeInt, checkpointEvery: positiveInt,
  out: (v) => (typeof v === 'string' ? null : 'a path (string)'),
};

/** Defaults for (algo, env) overlaid with `partial`; unknown fields and bad values are errors that name them. */
export function resolveConfig(partial: Partial<TrainConfig>): TrainConfig {
  const algo = partial.algo ?? 'avf-qmix', env = partial.env ?? 'bp-10';
  for (const [name, value] of [['algo', algo], ['env', env]] as const) {
    const problem = CHECKS[name](value);
    if (problem) throw new RangeError(`config: unknown ${name} '${String(value)}' (expected ${problem})`);
  }
  const config = { ...defaultConfig(algo, env) };
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in CHECKS)) throw new RangeError(`config: unknown field '${key}'`);
    if (value === undefined) continue;
    const problem = CHECKS[key as keyof TrainConfig](value);
    if (problem) throw new RangeError(`config: ${key} must be ${problem}, got ${JSON.stringify(value)}`);
    (config as Record<string, unknown>)[key] = value;
  }
  if (config.algo === 'vdn' || config.algo === 'qmix' || config.algo === 'qplex') config.primitive = true;
  if (config.epsEnd > config.epsStart) throw new RangeError(`config: epsEnd (${config.epsEnd}) must not exceed epsStart (${config.epsStart})`);
  return config;
}

/** Linear from `from` to `to` over `episodes` episodes counted from startTrain (`from` before). */
function ramp(config: TrainConfig, episodesStored: number, from: number, to: number, episodes: number): number {
  if (episodesStored < config.startTrain) return from;
  const progress = Math.min(1, (episodesStored - config.startTrain) / episodes);
  return from * (1 - progress) + to * progress;
}

/**
 * ε for the next episode: epsStart until startTrain episodes are stored, then linear to epsEnd over
 * epsDecayEpisodes episodes — or, with epsDecaySteps > 0, over that many env steps from the start (pymarl).
 */
export function epsilonAt(config: TrainConfig, episodesStored: number, envSteps = 0): number {
  if (config.epsDecaySteps > 0) {
    const progress = Math.min(1, envSteps / config.epsDecaySteps);
    return config.epsStart * (1 - progress) + config.epsEnd * progress;
  }
  return ramp(config, episodesStored, config.epsStart, config.epsEnd, config.epsDecayEpisodes);
}

/** Hysteresis h of the Dec-MADDRQN loss for the next episode. */
export function hysteresisAt(config: TrainConfig, episodesStored: number): number {
  return ramp(config, episodesStored, config.hysteresisStart, config.hysteresisEnd, config.hysteresisEpisodes);
}
