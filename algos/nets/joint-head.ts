// An unfactored joint head for the AVF path (issue 13, experiment 2): the agents' hidden states and the
// mixer's state input in, one value per joint macro-action out — what the mixer would be without
// factorization. Joint indices as in data/joint-actions.ts (agent 0 most significant).
import { Linear, type Module } from '../../autograd/nn.ts';
import { relu } from '../../autograd/ops/elementwise.ts';
import { concatCols } from '../../autograd/ops/layout.ts';
import type { Tensor } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';
import { jointSize } from '../data/joint-actions.ts';

export class JointHead implements Module {
  readonly fc1: Linear;
  readonly fc2: Linear;
  readonly nActions: readonly number[];

  /** hiddenIn = N·H (the agents' hidden states), stateIn = the state input's length, width = the hidden layer. */
  constructor(hiddenIn: number, stateIn: number, width: number, nActions: readonly number[], rng: Rng) {
    this.nActions = nActions;
    this.fc1 = new Linear(hiddenIn + stateIn, width, rng);
    this.fc2 = new Linear(width, jointSize(nActions), rng);
  }

  /** hs (R, N·H), state (R, Sin) -> q (R, ΠA) */
  apply(hs: Tensor, state: Tensor): Tensor {
    return this.fc2.apply(relu(this.fc1.apply(concatCols([hs, state]))));
  }

  parameters(): Tensor[] {
    return [...this.fc1.parameters(), ...this.fc2.parameters()];
  }
}
