// What the runner needs from a learner, and which learner each algorithm uses.
import type { RecurrentQNet } from './agent-net.ts';
import { AgentNet } from './agent-net.ts';
import { AvfLearner } from './avf-learner.ts';
import { buildBatch } from './batch.ts';
import { CenController, CenLearner } from './cen-learner.ts';
import { Controller } from './controller.ts';
import type { TrainConfig } from './config.ts';
import { DecLearner } from './dec-learner.ts';
import type { EpisodeLayout } from './episode.ts';
import { MacroQNet } from './macro-q-net.ts';
import { makeUtilityNets } from './shared-net.ts';
import type { Window } from './replay-buffer.ts';
import type { Optimizer } from '../autograd/optim.ts';
import type { Tensor } from '../autograd/tensor.ts';
import type { Rng } from '../lib/rng.ts';

export interface Learner {
  /** the per-agent nets used for acting */
  readonly nets: readonly RecurrentQNet[];
  /** everything trained, and its target copy (checkpoints) */
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly optimizers: readonly Optimizer[];
  updates: number;
  /** one gradient step on sampled windows of at most L steps; the loss, or null when nothing was kept */
  trainOn(windows: readonly Window[], L: number): number | null;
  /** called after every env step with the global step count */
  afterEnvStep?(envSteps: number): void;
  /** called after every episode with the episode count */
  afterEpisode?(episodes: number): void;
  /** hysteresis of the TD loss for the coming episode (Dec-MADDRQN; an option of AVF and Cen) */
  hysteresis?: number;
}

/** Acting for a whole team: writes an action for every agent whose macro-action ended. */
export interface ActingController {
  reset(): void;
  act(obs: readonly Float32Array[], choosing: ArrayLike<number>, epsilon: number, rng: Rng, out: Int32Array): void;
}

export const IMPLEMENTED_ALGOS = ['avf-vdn', 'avf-qmix', 'avf-qplex', 'dec-maddrqn', 'cen-maddrqn', 'vdn', 'qmix', 'qplex'] as const;
const FACTORIZED = ['avf-vdn', 'avf-qmix', 'avf-qplex', 'vdn', 'qmix', 'qplex'];

export function makeLearner(config: TrainConfig, layout: EpisodeLayout, rng: Rng): Learner {
  if (config.algo === 'cen-maddrqn') return new CenLearner(config, layout, rng);
  const learner = config.algo === 'dec-maddrqn' ? new DecLearner(config, layout, rng)
    : FACTORIZED.includes(config.algo) ? new AvfLearner(config, layout, rng) : null;
  if (learner === null) throw new RangeError(`algo '${config.algo}' is not implemented yet (available: ${IMPLEMENTED_ALGOS.join(', ')})`);
  return Object.assign(learner, {
    trainOn: (windows: readonly Window[], L: number) => learner.update(buildBatch(windows, L, layout, config.stateMode)),
  });
}

/** Fresh acting nets of the algorithm's architecture (to load a policy into). */
export function makeActingNets(config: TrainConfig, layout: Pick<EpisodeLayout, 'obsDims' | 'nActions'>, rng: Rng): RecurrentQNet[] {
  if (config.algo === 'cen-maddrqn') {
    const O = layout.obsDims.reduce((a, b) => a + b, 0), J = layout.nActions.reduce((a, b) => a * b, 1);
    return [new MacroQNet(O, J, config.hidden, config.mlpHidden, rng)];
  }
  if (config.algo === 'dec-maddrqn') return layout.obsDims.map((O, i) => new MacroQNet(O, layout.nActions[i], config.hidden, config.mlpHidden, rng));
  return makeUtilityNets(layout.obsDims, layout.nActions, config.shareParameters, (O, A) => new AgentNet(O, A, config.hidden, rng));
}

/** The controller that acts with these nets: centralized for Cen-MADDRQN, per agent otherwise. */
export function makeController(config: TrainConfig, layout: Pick<EpisodeLayout, 'nActions'>, nets: readonly RecurrentQNet[]): ActingController {
  return config.algo === 'cen-maddrqn' ? new CenController(nets[0] as MacroQNet, layout.nActions) : new Controller(nets);
}
