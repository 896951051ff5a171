// The algorithm table: every algorithm id with its one-line summary, the config scopes it reads, its
// per-env defaults, its learner, its acting nets and its controller. Ids, defaults, `--help` and the
// training loop all come from here; a new algorithm is one entry and one learner file.
import { CenController } from './acting/cen-controller.ts';
import { JointController } from './acting/joint-controller.ts';
import { PolicyController } from './acting/policy-controller.ts';
import { Controller, type ActingController } from './acting/controller.ts';
import { FIELDS, type Scope, type TrainConfig } from './config.ts';
import { avfDefaults, baseDefaults, cenDefaults, decDefaults, macDefaults, syncDefaults } from './defaults.ts';
import type { EpisodeLayout } from './data/episode.ts';
import { jointSize } from './data/joint-actions.ts';
import { AvfLearner } from './learners/avf.ts';
import { JointAvfLearner, jointActingNets, makeJointNets } from './learners/avf-joint.ts';
import { CenLearner } from './learners/cen-maddrqn.ts';
import { DecLearner } from './learners/dec-maddrqn.ts';
import type { Learner } from './learners/learner.ts';
import { MacIaiccLearner, type CriticKind } from './learners/mac-iaicc.ts';
import { AgentNet, type RecurrentQNet } from './nets/agent-net.ts';
import type { JointHead } from './nets/joint-head.ts';
import { MacroQNet } from './nets/macro-q-net.ts';
import type { RecurrentTrunk } from './nets/recurrent-trunk.ts';
import { makeUtilityNets } from './nets/shared-net.ts';
import { defaultsEnvOf, type EnvId } from '../envs/index.ts';
import type { Module } from '../autograd/nn.ts';
import type { Rng } from '../lib/rng.ts';
import type { MixerKind } from '../mixers/index.ts';

type Sizes = EpisodeLayout;

export interface Algorithm {
  /** one line for --help */
  summary: string;
  /** config scopes beyond 'all' that it reads (config.ts FIELDS) */
  scopes: readonly Scope[];
  /** runs on the primitive version of the env only */
  primitiveOnly: boolean;
  /** collects rounds of trainEveryEpisodes episodes from parallelEnvs lockstep envs, one update per round */
  onPolicy: boolean;
  /** its per-env settings (specs/algorithms.md §9) over baseDefaults(env) */
  defaults(env: EnvId): Partial<TrainConfig>;
  makeLearner(config: TrainConfig, layout: EpisodeLayout, rng: Rng): Learner;
  /** fresh nets of its acting architecture (to load a saved policy into) */
  makeActingNets(config: TrainConfig, sizes: Sizes, rng: Rng): Module[];
  /** acting on the nets its learner (or makeActingNets) made */
  makeController(config: TrainConfig, sizes: Sizes, nets: readonly Module[]): ActingController;
  /** the problem with a resolved config for this algorithm, or null */
  check?(config: TrainConfig): string | null;
}

const mixerScopes = (mixer: MixerKind): Scope[] => (mixer === 'vdn' ? ['value-based', 'factorized'] : ['value-based', 'factorized', mixer]);
const utilityNets = (config: TrainConfig, sizes: Sizes, rng: Rng) =>
  makeUtilityNets(sizes.obsDims, sizes.nActions, config.shareParameters, (O, A) => new AgentNet(O, A, config.hidden, rng));
const perAgent = (_config: TrainConfig, _sizes: Sizes, nets: readonly Module[]) => new Controller(nets as readonly RecurrentQNet[]);

/** Value factorization through a mixer: AVF on macro-actions, or the synchronous baseline on primitive actions. */
function factorized(mixer: MixerKind, summary: string, synchronous: boolean): Algorithm {
  return {
    summary, scopes: mixerScopes(mixer), primitiveOnly: synchronous, onPolicy: false,
    defaults: () => (synchronous ? syncDefaults(mixer) : avfDefaults(mixer)),
    makeLearner: (config, layout, rng) => new AvfLearner(config, layout, rng, mixer),
    makeActingNets: utilityNets,
    makeController: perAgent,
  };
}

/** The on-policy actor-critics of MacroMARL: the critic is over joint histories (IAICC) or states (IAISC). */
function actorCritic(critic: CriticKind, summary: string): Algorithm {
  return {
    summary, scopes: ['macro-q-net', 'policy-gradient'], primitiveOnly: false, onPolicy: true, defaults: macDefaults,
    makeLearner: (config, layout, rng) => new MacIaiccLearner(config, layout, rng, critic),
    makeActingNets: (config, sizes, rng) => sizes.obsDims.map((O, i) => new MacroQNet(O, sizes.nActions[i], config.hidden, config.mlpHidden, rng)),
    makeController: (_config, _sizes, nets) => new PolicyController(nets as readonly MacroQNet[]),
    check: (c) => (c.trainEveryEpisodes < 1 ? 'trainEveryEpisodes (the round) must be at least 1'
      : c.targetUpdateEveryEpisodes % c.trainEveryEpisodes !== 0 ? `targetUpdateEveryEpisodes (${c.targetUpdateEveryEpisodes}) must be a multiple of trainEveryEpisodes (${c.trainEveryEpisodes}): targets are copied after a round's update` : null),
  };
}

export const ALGOS = {
  'avf-vdn': factorized('vdn', 'AVF-VDN: asynchronous value factorization, additive mixer (§5)', false),
  'avf-qmix': factorized('qmix', 'AVF-QMIX: asynchronous value factorization, monotonic hypernetwork mixer (§5, §6.2)', false),
  'avf-qplex': factorized('qplex', 'AVF-QPLEX: asynchronous value factorization, duplex dueling mixer (§5, §6.3)', false),
  'dec-maddrqn': {
    summary: 'Dec-MADDRQN: one hysteretic macro-action Q-net per agent on its own transitions (§7.1)',
    scopes: ['value-based', 'macro-q-net'], primitiveOnly: false, onPolicy: false, defaults: decDefaults,
    makeLearner: (config, layout, rng) => new DecLearner(config, layout, rng),
    makeActingNets: (config, sizes, rng) => sizes.obsDims.map((O, i) => new MacroQNet(O, sizes.nActions[i], config.hidden, config.mlpHidden, rng)),
    makeController: perAgent,
  },
  'cen-maddrqn': {
    summary: 'Cen-MADDRQN: one centralized Q-net over joint macro-actions, conditional argmax (§7.2)',
    scopes: ['value-based', 'macro-q-net'], primitiveOnly: false, onPolicy: false, defaults: cenDefaults,
    makeLearner: (config, layout, rng) => new CenLearner(config, layout, rng),
    makeActingNets: (config, sizes, rng) => {
      const O = sizes.obsDims.reduce((a, b) => a + b, 0);
      return [new MacroQNet(O, jointSize(sizes.nActions), config.hidden, config.mlpHidden, rng)];
    },
    makeController: (_config, sizes, nets) => new CenController(nets[0] as MacroQNet, sizes.nActions),
  },
  'avf-joint': {
    summary: 'AVF with an unfactored joint head over all joint macro-actions instead of a mixer, centralized acting (issue 13; an upper bound for the factored learners)',
    scopes: ['value-based', 'factorized'], primitiveOnly: false, onPolicy: false, defaults: () => ({}),
    makeLearner: (config, layout, rng) => new JointAvfLearner(config, layout, rng),
    makeActingNets: (config, sizes, rng) => jointActingNets(makeJointNets(config, sizes, rng)),
    makeController: (config, sizes, nets) => {
      const N = sizes.nActions.length;
      return new JointController({ trunks: nets.slice(0, N) as RecurrentTrunk[], head: nets[N] as JointHead }, sizes.nActions, sizes.stateDim);
    },
    // acting reads the state input too, and only the joint macro-state is the same at a decision as in the
    // batch (the real and terminated-only inputs of a record are taken at the record, after the decision)
    check: (c) => (c.shareParameters ? 'shareParameters: the joint head keeps one trunk per agent'
      : c.stateMode !== 'joint-macro' ? `stateMode ${c.stateMode}: the joint head acts on its state input, which only the joint macro-state gives at the decision` : null),
  },
  'mac-iaicc': actorCritic('history', 'Mac-IAICC: independent actors, per-agent recurrent critics over the joint macro-observation history (§7.3)'),
  'mac-iaisc': actorCritic('state', 'Mac-IAISC: independent actors, per-agent feed-forward critics on the state at the decision step (§7.3)'),
  vdn: factorized('vdn', 'VDN, synchronous: primitive actions, pymarl settings (§8)', true),
  qmix: factorized('qmix', 'QMIX, synchronous: primitive actions, pymarl settings (§8)', true),
  qplex: factorized('qplex', 'QPLEX, synchronous: primitive actions, the QPLEX code settings (§8)', true),
} satisfies Record<string, Algorithm>;

export type AlgoId = keyof typeof ALGOS;
export const ALGO_IDS = Object.keys(ALGOS) as AlgoId[];

const isAlgoId = (id: unknown): id is AlgoId => typeof id === 'string' && Object.prototype.hasOwnProperty.call(ALGOS, id);

/** The table entry of `id`; an unknown id is an error that lists the known ones. */
export function algorithm(id: string): Algorithm {
  if (!isAlgoId(id)) throw new RangeError(`config: unknown algo '${id}' (expected one of ${ALGO_IDS.join(', ')})`);
  return ALGOS[id];
}

/** True when `algo` reads `field` (every algorithm reads the fields of scope 'all'). */
export function appliesTo(field: keyof TrainConfig, algo: AlgoId): boolean {
  const scope = FIELDS[field].scope;
  const entry: Algorithm = ALGOS[algo];
  return scope === 'all' || entry.scopes.includes(scope);
}

/** The defaults of specs/algorithms.md §9 for this algorithm and env (a registered env uses its defaultsOf env's). */
export function defaultConfig(algo: AlgoId, env: string): TrainConfig {
  const like = defaultsEnvOf(env);
  return { env, algo, ...baseDefaults(like), ...algorithm(algo).defaults(like) } as TrainConfig;
}

/**
 * Defaults for (algo, env) overlaid with `partial`. Unknown fields, bad values, and fields the algorithm
 * does not read set to anything but its default are errors that name them.
 */
export function resolveConfig(partial: Partial<TrainConfig>): TrainConfig {
  if (partial === null || typeof partial !== 'object') throw new TypeError('config: expected an object of config fields');
  const algoId = partial.algo ?? 'avf-qmix', env = partial.env ?? 'bp-10';
  const entry = algorithm(algoId);
  const envProblem = FIELDS.env.check(env);
  if (envProblem) throw new RangeError(`config: unknown env '${String(env)}' (expected ${envProblem})`);
  const config = defaultConfig(algoId as AlgoId, env);
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in FIELDS)) throw new RangeError(`config: unknown field '${key}'`);
    if (value === undefined) continue;
    const field = key as keyof TrainConfig;
    const problem = FIELDS[field].check(value);
    if (problem) throw new RangeError(`config: ${key} must be ${problem}, got ${JSON.stringify(value)}`);
    if (!appliesTo(field, config.algo) && value !== config[field]) {
      throw new RangeError(`config: ${key} does not apply to ${config.algo} (it is read by ${readersOf(field).join(', ')})`);
    }
    (config as unknown as Record<string, unknown>)[key] = value;
  }
  if (entry.primitiveOnly) {
    if (partial.primitive === false) throw new RangeError(`config: ${config.algo} runs on the primitive env only (primitive cannot be false)`);
    config.primitive = true;
  }
  if (config.rewards !== 'scripts' && !String(defaultsEnvOf(config.env)).startsWith('bp-')) {
    throw new RangeError(`config: rewards '${config.rewards}' is a Box Pushing reward set; ${config.env} has its own rewards`);
  }
  if (config.epsEnd > config.epsStart) throw new RangeError(`config: epsEnd (${config.epsEnd}) must not exceed epsStart (${config.epsStart})`);
  const problem = entry.check?.(config);
  if (problem) throw new RangeError(`config: ${config.algo}: ${problem}`);
  return config;
}

/** The algorithms that read `field`. */
export function readersOf(field: keyof TrainConfig): AlgoId[] {
  return ALGO_IDS.filter((id) => appliesTo(field, id));
}
