// One typed training configuration (cleanrl's Args). Every field is declared once, in FIELDS, with its
// one-line description, its check and the algorithms that read it; resolveConfig, `avf train --help`
// and the CLI's flags all come from that table. The per-algorithm, per-env values are in defaults.ts.
import type { AlgoId } from './algorithms.ts';
import type { EnvId } from '../envs/index.ts';
import { isRegisteredEnv, registeredEnvIds } from '../envs/index.ts';

export const STATE_MODES = ['joint-macro', 'real', 'terminated-macro'] as const;
/** What the mixer sees (§4.5): joint macro-state (AVF), the real state, or only terminated agents' macro-states. */
export type StateMode = (typeof STATE_MODES)[number];
export const OPTIMIZERS = ['adam', 'rmsprop'] as const;
/** Box Pushing rewards: the authors' scripts (big 300, small 20, penalty −10) or [P] App. D (100, 10, −10). */
export const REWARD_SETS = ['scripts', 'appendix-d'] as const;
/** What `trainEvery` counts: the global env-step counter [D6], or the step t of the episode as Alg. 1 writes it. */
export const TRAIN_COUNTERS = ['global', 'episode'] as const;

export interface TrainConfig {
  env: EnvId | (string & {});
  algo: AlgoId;
  primitive: boolean;
  seed: number;
  episodes: number;
  horizon: number;
  rewards: (typeof REWARD_SETS)[number];
  stateMode: StateMode;
  lr: number;
  gamma: number;
  bufferEpisodes: number;
  batchSize: number;
  windowLength: number;
  polyak: number;
  hidden: number;
  mixerEmbed: number;
  hypernetEmbed: number;
  hypernetLayers: number;
  qplexHeads: number;
  qplexTransformHidden: number;
  qplexHeadHidden: number;
  qplexConditionalV: boolean;
  gradClip: number;
  trainEvery: number;
  trainCounter: (typeof TRAIN_COUNTERS)[number];
  startTrain: number;
  epsStart: number;
  epsEnd: number;
  epsDecayEpisodes: number;
  evalEvery: number;
  evalEpisodes: number;
  forceTerminalValid: boolean;
  mlpHidden: number;
  hysteresisStart: number;
  hysteresisEnd: number;
  hysteresisEpisodes: number;
  targetUpdateEvery: number;
  wholeEpisodes: boolean;
  frontPaddedWindows: boolean;
  shareParameters: boolean;
  lastActionInput: boolean;
  agentIdInput: boolean;
  optimizer: (typeof OPTIMIZERS)[number];
  optimizerEps: number;
  epsDecaySteps: number;
  trainEveryEpisodes: number;
  targetUpdateEveryEpisodes: number;
  checkpointEvery: number;
  checkpointSeconds: number;
  out: string;
  criticLr: number;
  parallelEnvs: number;
  nStep: number;
  entropyWeight: number;
  criticHidden: number;
}

/**
 * Which algorithms read a field: all of them, or those whose algorithm-table entry lists the scope
 * (value-based learners with a replay buffer, value factorization, the QMIX or QPLEX mixer, the MacroMARL
 * net topology of the Dec/Cen baselines and the Mac-IAICC actors, the on-policy actor-critics).
 */
export type Scope = 'all' | 'value-based' | 'factorized' | 'qmix' | 'qplex' | 'macro-q-net' | 'policy-gradient';

type Check = (value: unknown) => string | null;
export interface Field {
  /** one line for --help */
  doc: string;
  check: Check;
  scope: Scope;
}

const positiveInt: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? null : 'a positive integer');
const nonNegativeInt: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'a non-negative integer');
const integer: Check = (v) => (Number.isInteger(v) ? null : 'an integer');
const positive: Check = (v) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? null : 'a positive number');
const nonNegative: Check = (v) => (typeof v === 'number' && v >= 0 && Number.isFinite(v) ? null : 'a non-negative number');
const unit: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'a number in [0, 1]');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const text: Check = (v) => (typeof v === 'string' ? null : 'a path (string)');
const oneOf = (values: () => readonly string[]): Check => (v) => (values().includes(v as string) ? null : `one of ${values().join(', ')}`);
const envId: Check = (v) => (typeof v === 'string' && isRegisteredEnv(v) ? null : `one of ${registeredEnvIds().join(', ')}`);

const f = (doc: string, check: Check, scope: Scope = 'all'): Field => ({ doc, check, scope });

export const FIELDS: { [K in keyof TrainConfig]: Field } = {
  env: f('environment id', envId),
  algo: f('algorithm id (checked against the algorithm table by resolveConfig)', (v) => (typeof v === 'string' ? null : 'an algorithm id')),
  primitive: f('the primitive-action version of the env (always on for vdn / qmix / qplex)', bool),
  seed: f('seed of everything random in the run (networks, exploration, sampling, env)', integer),
  episodes: f('training episodes', positiveInt),
  horizon: f("episode length limit in primitive steps; 0 = the env's own horizon", nonNegativeInt),
  rewards: f(`Box Pushing rewards: ${REWARD_SETS.join(' | ')} (300 / 20 / −10 of the authors' scripts, or 100 / 10 / −10 of [P] App. D)`, oneOf(() => REWARD_SETS)),
  stateMode: f(`mixer input: ${STATE_MODES.join(' | ')} (joint-macro is AVF; the others are the paper's ablations)`, oneOf(() => STATE_MODES), 'factorized'),
  lr: f('learning rate (of the actors for Mac-IAICC / IAISC)', positive),
  gamma: f('discount γ', unit),
  bufferEpisodes: f('replay capacity in episodes (FIFO)', positiveInt, 'value-based'),
  batchSize: f('windows (or whole episodes) per batch', positiveInt, 'value-based'),
  windowLength: f('window length L in primitive steps [D3]', positiveInt, 'value-based'),
  polyak: f('Polyak ω: target ← ω·target + (1 − ω)·online after every update, when no hard copy is set', unit, 'value-based'),
  hidden: f('GRU hidden size (and the AVF agent net Linear width) [D1]', positiveInt),
  mixerEmbed: f('QMIX mixing embed size', positiveInt, 'qmix'),
  hypernetEmbed: f('QMIX hypernetwork hidden size', positiveInt, 'qmix'),
  hypernetLayers: f('QMIX layers per weight hypernetwork', positiveInt, 'qmix'),
  qplexHeads: f('QPLEX attention heads [D10]', positiveInt, 'qplex'),
  qplexTransformHidden: f('QPLEX transformation hidden size [D10]', positiveInt, 'qplex'),
  qplexHeadHidden: f('QPLEX key / agents / action extractor hidden size', positiveInt, 'qplex'),
  qplexConditionalV: f('QPLEX: running agents use their own utility as V (A = 0) [D11]', bool, 'qplex'),
  gradClip: f('global gradient-norm clip [D5]; 0 = none', nonNegative),
  trainEvery: f('one update every this many env steps (global count) [D6]', positiveInt, 'value-based'),
  trainCounter: f("what trainEvery counts: global env steps [D6], or Alg. 1's step t of the episode (an update at t = 0, f, 2f, …)", oneOf(() => TRAIN_COUNTERS), 'value-based'),
  startTrain: f('episodes stored before training starts; ε stays at its start until then [D7]', nonNegativeInt, 'value-based'),
  epsStart: f('ε at the start of the decay', unit),
  epsEnd: f('ε after the decay [D7]', unit),
  epsDecayEpisodes: f('episodes (from startTrain) over which ε decays linearly [D7]', positiveInt),
  evalEvery: f('a greedy evaluation every this many training episodes [D14]', positiveInt),
  evalEpisodes: f('greedy episodes per evaluation [D14]', positiveInt),
  forceTerminalValid: f('a real terminal step counts every agent as terminated [D13]', bool, 'value-based'),
  mlpHidden: f('MacroMARL Q-net: width of the layers around the GRU', positiveInt, 'macro-q-net'),
  hysteresisStart: f('hysteretic TD loss: h at startTrain (negative errors × h; 1 = off)', unit, 'value-based'),
  hysteresisEnd: f('hysteretic TD loss: h after the ramp', unit, 'value-based'),
  hysteresisEpisodes: f('episodes (from startTrain) over which h moves linearly', positiveInt, 'value-based'),
  targetUpdateEvery: f('hard target copy every this many env steps; 0 = off', nonNegativeInt, 'value-based'),
  wholeEpisodes: f('batches of whole episodes instead of windows of windowLength steps', bool, 'value-based'),
  frontPaddedWindows: f('also sample windows that start before an episode (MacroMARL trace buffer)', bool, 'value-based'),
  shareParameters: f('one utility net shared by all agents (pymarl)', bool, 'factorized'),
  lastActionInput: f("append the one-hot of the agent's last action to its observation (pymarl)", bool),
  agentIdInput: f("append the one-hot of the agent's index to its observation (pymarl)", bool),
  optimizer: f(`optimiser: ${OPTIMIZERS.join(' | ')}`, oneOf(() => OPTIMIZERS)),
  optimizerEps: f('optimiser ε (Adam 1e-8; pymarl RMSprop 1e-5)', positive),
  epsDecaySteps: f('ε decays over this many env steps from the start instead; 0 = by episodes', nonNegativeInt),
  trainEveryEpisodes: f('one update after every this many episodes instead; 0 = by env steps (Mac-IAICC: its round of trainFreq episodes)', nonNegativeInt),
  targetUpdateEveryEpisodes: f('hard target copy every this many episodes; 0 = off', nonNegativeInt),
  checkpointEvery: f('write checkpoints every this many episodes (and at the end)', positiveInt),
  checkpointSeconds: f('also write them when this many seconds have passed since the last one; 0 = by episodes only', nonNegative),
  out: f("run folder (metrics, curve, checkpoints); '' = write nothing", text),
  criticLr: f('critic learning rate (the actor uses lr)', positive, 'policy-gradient'),
  parallelEnvs: f('environments stepped in lockstep to collect each on-policy round (nEnv)', positiveInt, 'policy-gradient'),
  nStep: f("macro-actions of the agent's own summed before bootstrapping (n-step TD); 1 = one-step", positiveInt, 'policy-gradient'),
  entropyWeight: f('weight of the policy entropy in the actor loss', nonNegative, 'policy-gradient'),
  criticHidden: f('critic size: GRU of the history critic (IAICC), middle layer of the state critic (IAISC)', positiveInt, 'policy-gradient'),
};

export const FIELD_NAMES = Object.keys(FIELDS) as (keyof TrainConfig)[];
