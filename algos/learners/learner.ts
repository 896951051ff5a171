// What the training loop needs from a learner. Every learner owns its batch layout: the loop hands it
// sampled windows (or whole episodes) and calls the hooks after each env step and episode.
import type { Window } from '../data/replay-buffer.ts';
import type { Module } from '../../autograd/nn.ts';
import type { Optimizer } from '../../autograd/optim.ts';
import type { Tensor } from '../../autograd/tensor.ts';

export interface Learner {
  /** the nets used for acting (per agent, one joint net, or trunks and a joint head): what its algorithm's controller reads and a policy stores */
  readonly nets: readonly Module[];
  /** everything trained, and its target copy (checkpoints) */
  readonly params: readonly Tensor[];
  readonly targetParams: readonly Tensor[];
  readonly optimizers: readonly Optimizer[];
  /** gradient updates so far */
  updates: number;
  /** h of the hysteretic TD loss for the coming episode, set by the loop (1 = plain squared error) */
  hysteresis: number;
  /** on-policy learners: ε of the behaviour policy that collected the coming update's episodes, set by the loop */
  epsilon?: number;
  /** one update on windows of at most L steps; the loss, or null when the batch kept no record */
  trainOn(windows: readonly Window[], L: number): number | null;
  /** after every env step, with the global step count (hard target copies by steps) */
  afterEnvStep(envSteps: number): void;
  /** after every episode, with the episode count (hard target copies by episodes) */
  afterEpisode(episodes: number): void;
}
