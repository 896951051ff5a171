// The pieces every learner's update shares: its optimiser, one gradient step on a loss, and keeping
// the target networks in step (Polyak after every update, or hard copies by env steps or by episodes).
import type { TrainConfig } from '../config.ts';
import { type Arena, withArena } from '../../autograd/arena.ts';
import { Adam, RMSprop, type Optimizer } from '../../autograd/optim.ts';
import { clipGradNorm, copyParams, polyakUpdate, zeroGrad } from '../../autograd/params.ts';
import { backward, type Tensor } from '../../autograd/tensor.ts';

/** Adam (AVF, MacroMARL) or pymarl's RMSprop (α 0.99) over `params`, with the config's lr and ε. */
export function makeOptimizer(config: Pick<TrainConfig, 'optimizer' | 'lr' | 'optimizerEps'>, params: readonly Tensor[]): Optimizer {
  return config.optimizer === 'rmsprop'
    ? new RMSprop(params, { lr: config.lr, alpha: 0.99, eps: config.optimizerEps })
    : new Adam(params, { lr: config.lr, eps: config.optimizerEps });
}

/** Zero the gradients of `params`, backpropagate `loss`, clip to the global norm `gradClip` (0 = off), step. */
export function applyGradients(loss: Tensor, params: readonly Tensor[], optimizer: Optimizer, gradClip: number): void {
  zeroGrad(params);
  backward(loss);
  if (gradClip > 0) clipGradNorm(params, gradClip);
  optimizer.step();
}

/**
 * One update of a learner with one optimiser, inside its arena: build the loss, apply its gradients,
 * keep the targets in step, count the update; returns the loss.
 */
export function gradientStep(
  learner: { readonly arena: Arena; readonly targetSync: TargetSync; updates: number },
  loss: () => Tensor, params: readonly Tensor[], optimizer: Optimizer, gradClip: number,
): number {
  return withArena(learner.arena, () => {
    const value = loss();
    applyGradients(value, params, optimizer, gradClip);
    learner.targetSync.afterUpdate();
    learner.updates++;
    return value.item();
  });
}

/** Hard copy online → target when `count` is a positive multiple of `every` (0 = never). */
export function copyTargetsIfDue(every: number, count: number, target: readonly Tensor[], online: readonly Tensor[]): void {
  if (every > 0 && count % every === 0) copyParams(target, online);
}

/**
 * Target updates: hard copies every targetUpdateEvery env steps and/or every targetUpdateEveryEpisodes
 * episodes; with neither set, Polyak averaging (ω = polyak) after every update.
 */
export class TargetSync {
  readonly config: Pick<TrainConfig, 'targetUpdateEvery' | 'targetUpdateEveryEpisodes' | 'polyak'>;
  readonly target: readonly Tensor[];
  readonly online: readonly Tensor[];

  constructor(config: TargetSync['config'], target: readonly Tensor[], online: readonly Tensor[]) {
    this.config = config;
    this.target = target;
    this.online = online;
    copyParams(target, online);
  }

  afterUpdate(): void {
    const { targetUpdateEvery, targetUpdateEveryEpisodes, polyak } = this.config;
    if (targetUpdateEvery === 0 && targetUpdateEveryEpisodes === 0) polyakUpdate(this.target, this.online, polyak);
  }

  afterEnvStep(envSteps: number): void {
    copyTargetsIfDue(this.config.targetUpdateEvery, envSteps, this.target, this.online);
  }

  afterEpisode(episodes: number): void {
    copyTargetsIfDue(this.config.targetUpdateEveryEpisodes, episodes, this.target, this.online);
  }
}
