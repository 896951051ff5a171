// The AVF utility network of one agent (specs/algorithms.md §1.1):
//   x (O) → Linear(O→H) → ReLU → GRU(H→H) → Linear(H→A) → Q (A)
// unroll() runs a time-major batch of sequences for training; step() advances one decision for acting.
import { Linear, type Module } from '../../autograd/nn.ts';
import { RecurrentTrunk } from './recurrent-trunk.ts';
import type { Tensor } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

/** What acting and the learners need from a per-agent recurrent utility network. */
export interface RecurrentQNet {
  readonly obsDim: number;
  readonly hidden: number;
  readonly nActions: number;
  /** one decision for a batch: x (B, O), h (B, H) -> q (B, A), h' (B, H) */
  step(x: Tensor, h: Tensor): { q: Tensor; h: Tensor };
  /** packed time-major sequences from a zero hidden state (lib/kernels/packing.ts): xs (P, O), batchSizes (T) -> q (P, A) */
  unroll(xs: Tensor, batchSizes: Int32Array): Tensor;
  parameters(): Tensor[];
}

export class AgentNet implements Module, RecurrentQNet {
  readonly trunk: RecurrentTrunk;
  readonly head: Linear;
  readonly obsDim: number;
  readonly hidden: number;
  readonly nActions: number;

  constructor(obsDim: number, nActions: number, hidden: number, rng: Rng) {
    this.obsDim = obsDim;
    this.hidden = hidden;
    this.nActions = nActions;
    this.trunk = new RecurrentTrunk(obsDim, hidden, rng);
    this.head = new Linear(hidden, nActions, rng);
  }

  /** One decision for a batch: x (B, O), h (B, H) -> q (B, A) and the next hidden state h' (B, H). */
  step(x: Tensor, h: Tensor): { q: Tensor; h: Tensor } {
    const next = this.trunk.step(x, h);
    return { q: this.head.apply(next), h: next };
  }

  /**
   * Packed time-major sequences from a zero hidden state: xs (P, O) with batchSizes (T) rows per step
   * (lib/kernels/packing.ts; equal lengths: row t·B + b is step t of sequence b). Returns q (P, A) in the same layout.
   */
  unroll(xs: Tensor, batchSizes: Int32Array): Tensor {
    return this.head.apply(this.trunk.unroll(xs, batchSizes)); // (P, A), one matmul for all steps
  }

  parameters(): Tensor[] {
    return [...this.trunk.parameters(), ...this.head.parameters()];
  }
}
