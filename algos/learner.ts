// What the runner needs from a learner, and which learner each algorithm uses.
import type { RecurrentQNet } from './agent-net.ts';
import { AgentNet } from './agent-net.ts';
import { AvfLearner } from './avf-learner.ts';
import type { Batch } from './batch.ts';
import type { TrainConfig } from './config.ts';
import { DecLearner } from './dec-learner.ts';
import type { EpisodeLayout } from './episode.ts';
import { MacroQNet } from './macro-q-net.ts';
import type { Adam } from '../autograd/optim.ts';
import type { Tensor } from '../autograd/tensor.ts';
import type { Rng } from '../lib/rng.ts';

export interface Learner {
  /** the per-agent nets used for acting */
  readonly nets: readonly RecurrentQNet[];
  /** everything trained, and its target copy (checkpoints) */
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly optimizers: readonly Adam[];
  updates: number;
  update(batch: Batch): number | null;
  /** called after every env step with the global step count */
  afterEnvStep?(envSteps: number): void;
  /** Dec-MADDRQN's hysteresis for the coming episode */
  hysteresis?: number;
}

export const IMPLEMENTED_ALGOS = ['avf-vdn', 'avf-qmix', 'avf-qplex', 'dec-maddrqn'] as const;

export function makeLearner(config: TrainConfig, layout: EpisodeLayout, rng: Rng): Learner {
  if (config.algo === 'dec-maddrqn') return new DecLearner(config, layout, rng);
  if (config.algo.startsWith('avf-')) return new AvfLearner(config, layout, rng);
  throw new RangeError(`algo '${config.algo}' is not implemented yet (available: ${IMPLEMENTED_ALGOS.join(', ')})`);
}

/** Fresh acting nets of the algorithm's architecture (to load a policy into). */
export function makeActingNets(config: TrainConfig, layout: Pick<EpisodeLayout, 'obsDims' | 'nActions'>, rng: Rng): RecurrentQNet[] {
  return layout.obsDims.map((O, i) => (config.algo === 'dec-maddrqn'
    ? new MacroQNet(O, layout.nActions[i], config.hidden, config.mlpHidden, rng)
    : new AgentNet(O, layout.nActions[i], config.hidden, rng)));
}
