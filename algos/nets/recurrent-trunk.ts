// The recurrent part of an AVF agent net (specs/algorithms.md §1.1): x (O) → Linear(O→H) → ReLU → GRU(H→H).
// The per-agent utility net puts a Linear(H→A) head on it; the joint-head learner feeds the hidden states
// of every agent to one joint head instead.
import { GRUCell, Linear, type Module } from '../../autograd/nn.ts';
import { relu } from '../../autograd/ops/elementwise.ts';
import type { Tensor } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

export class RecurrentTrunk implements Module {
  readonly embed: Linear;
  readonly cell: GRUCell;
  readonly obsDim: number;
  readonly hidden: number;

  constructor(obsDim: number, hidden: number, rng: Rng) {
    this.obsDim = obsDim;
    this.hidden = hidden;
    this.embed = new Linear(obsDim, hidden, rng);
    this.cell = new GRUCell(hidden, hidden, rng);
  }

  /** One decision for a batch: x (B, O), h (B, H) -> h' (B, H). */
  step(x: Tensor, h: Tensor): Tensor {
    return this.cell.apply(relu(this.embed.apply(x)), h);
  }

  /** Packed time-major sequences from a zero hidden state (lib/kernels/packing.ts): xs (P, O), batchSizes (T) -> hs (P, H). */
  unroll(xs: Tensor, batchSizes: Int32Array): Tensor {
    return this.cell.unroll(relu(this.embed.apply(xs)), batchSizes); // one matmul for all steps' embeddings
  }

  parameters(): Tensor[] {
    return [...this.embed.parameters(), ...this.cell.parameters()];
  }
}
