// The recurrent Q-net of the MacroMARL baselines (specs/algorithms.md §1.2):
//   x → Linear(in→m) → leaky → Linear(m→m) → leaky → GRU(m→H) → leaky(Linear(H→m)) → Linear(m→out)
// Linear weights Xavier-uniform with the leaky-ReLU gain √(2/(1+0.01²)) (gain 1 for the output layer),
// biases 0; GRU weights PyTorch default.
import { GRUCell, Linear, type Module } from '../../autograd/nn.ts';
import { leakyRelu } from '../../autograd/ops/elementwise.ts';
import type { Tensor } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';
import type { RecurrentQNet } from './agent-net.ts';

export const LEAKY_GAIN = Math.sqrt(2 / (1 + 0.01 * 0.01));

/** A Linear layer with Xavier-uniform weights (bound gain·√(6/(in+out))) and zero bias. */
export function xavierLinear(inFeatures: number, outFeatures: number, gain: number, rng: Rng): Linear {
  const layer = new Linear(inFeatures, outFeatures, rng);
  const bound = gain * Math.sqrt(6 / (inFeatures + outFeatures));
  for (let k = 0; k < layer.weight.size; k++) layer.weight.data[k] = rng.range(-bound, bound);
  layer.bias!.data.fill(0);
  return layer;
}

export class MacroQNet implements Module, RecurrentQNet {
  readonly fc1: Linear;
  readonly fc2: Linear;
  readonly cell: GRUCell;
  readonly fc3: Linear;
  readonly fc4: Linear;
  readonly obsDim: number;
  readonly hidden: number;
  readonly nActions: number;

  constructor(obsDim: number, nActions: number, hidden: number, mlpHidden: number, rng: Rng) {
    this.obsDim = obsDim;
    this.hidden = hidden;
    this.nActions = nActions;
    this.fc1 = xavierLinear(obsDim, mlpHidden, LEAKY_GAIN, rng);
    this.fc2 = xavierLinear(mlpHidden, mlpHidden, LEAKY_GAIN, rng);
    this.cell = new GRUCell(mlpHidden, hidden, rng);
    this.fc3 = xavierLinear(hidden, mlpHidden, LEAKY_GAIN, rng);
    this.fc4 = xavierLinear(mlpHidden, nActions, 1, rng);
  }

  private encode(x: Tensor): Tensor {
    return leakyRelu(this.fc2.apply(leakyRelu(this.fc1.apply(x))));
  }

  private head(h: Tensor): Tensor {
    return this.fc4.apply(leakyRelu(this.fc3.apply(h)));
  }

  step(x: Tensor, h: Tensor): { q: Tensor; h: Tensor } {
    const next = this.cell.apply(this.encode(x), h);
    return { q: this.head(next), h: next };
  }

  unroll(xs: Tensor, batchSizes: Int32Array): Tensor {
    return this.head(this.cell.unroll(this.encode(xs), batchSizes));
  }

  parameters(): Tensor[] {
    return [this.fc1, this.fc2, this.cell, this.fc3, this.fc4].flatMap((m) => m.parameters());
  }
}
