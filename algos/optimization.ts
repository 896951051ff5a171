// The pieces every learner's update shares: one gradient step on a loss, and hard target copies.
import type { Optimizer } from '../autograd/optim.ts';
import { clipGradNorm, copyParams, zeroGrad } from '../autograd/params.ts';
import { backward, type Tensor } from '../autograd/tensor.ts';

/** Zero the gradients of `params`, backpropagate `loss`, clip to the global norm `gradClip` (0 = off), step. */
export function applyGradients(loss: Tensor, params: readonly Tensor[], optimizer: Optimizer, gradClip: number): void {
  zeroGrad(params);
  backward(loss);
  if (gradClip > 0) clipGradNorm(params, gradClip);
  optimizer.step();
}

/** Hard copy online → target when `count` is a positive multiple of `every` (0 = never). */
export function copyTargetsIfDue(every: number, count: number, target: readonly Tensor[], online: readonly Tensor[]): void {
  if (every > 0 && count % every === 0) copyParams(target, online);
}
