// The feed-forward state critic of Mac-IAISC (specs/algorithms.md §7.3; MacroMARL mac_niasc Critic):
//   s (S) → Linear(S→m) → leaky → Linear(m→m) → leaky → Linear(m→mid) → leaky → Linear(mid→m) → leaky → Linear(m→1)
// Xavier-uniform weights with the leaky-ReLU gain (gain 1 for the output layer), zero biases.
import { LEAKY_GAIN, xavierLinear } from './macro-q-net.ts';
import type { Linear, Module } from '../../autograd/nn.ts';
import { leakyRelu } from '../../autograd/ops/elementwise.ts';
import type { Tensor } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

export class StateCritic implements Module {
  readonly layers: Linear[];

  constructor(stateDim: number, mlpHidden: number, midHidden: number, rng: Rng) {
    const sizes = [stateDim, mlpHidden, mlpHidden, midHidden, mlpHidden, 1];
    this.layers = sizes.slice(1).map((out, k) => xavierLinear(sizes[k], out, k === sizes.length - 2 ? 1 : LEAKY_GAIN, rng));
  }

  /** V (R, 1) of states (R, S). */
  apply(states: Tensor): Tensor {
    let x = states;
    this.layers.forEach((layer, k) => {
      x = layer.apply(x);
      if (k < this.layers.length - 1) x = leakyRelu(x);
    });
    return x;
  }

  parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.parameters());
  }
}
