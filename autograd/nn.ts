// Modules: Linear, MLP, GRUCell. PyTorch default initialisation: every weight and bias
// U(−1/√fan, 1/√fan), fan = input features (Linear) or hidden size (GRU).
import type { Rng } from '../lib/rng.ts';
import { elu, relu, tanh } from './ops/elementwise.ts';
import { linear } from './ops/linalg.ts';
import { gruCell, gruSequence } from './ops/fused.ts';
import { Tensor } from './tensor.ts';

export interface Module {
  parameters(): Tensor[];
}

/** A trainable tensor drawn from U(−bound, bound). */
export function uniformParameter(shape: readonly number[], bound: number, rng: Rng): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.range(-bound, bound);
  return new Tensor(data, shape, true);
}

export class Linear implements Module {
  readonly weight: Tensor; // (O, I)
  readonly bias: Tensor | null; // (O)
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, rng: Rng, bias = true) {
    if (!(Number.isInteger(inFeatures) && inFeatures > 0 && Number.isInteger(outFeatures) && outFeatures > 0)) {
      throw new RangeError(`Linear: sizes must be positive integers, got ${inFeatures} -> ${outFeatures}`);
    }
    const bound = 1 / Math.sqrt(inFeatures);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = uniformParameter([outFeatures, inFeatures], bound, rng);
    this.bias = bias ? uniformParameter([outFeatures], bound, rng) : null;
  }

  /** x (B, I) -> (B, O) */
  apply(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  parameters(): Tensor[] {
    return this.bias === null ? [this.weight] : [this.weight, this.bias];
  }
}

export type Activation = 'relu' | 'elu' | 'tanh';
const ACTIVATIONS: { [K in Activation]: (x: Tensor) => Tensor } = { relu, elu, tanh };

/** Linear layers of the given sizes with an activation between them (none after the last). */
export class MLP implements Module {
  readonly layers: Linear[];
  readonly activation: Activation;

  constructor(sizes: readonly number[], rng: Rng, activation: Activation = 'relu') {
    if (sizes.length < 2) throw new RangeError(`MLP: needs at least input and output sizes, got [${sizes.join(', ')}]`);
    this.activation = activation;
    this.layers = [];
    for (let i = 0; i + 1 < sizes.length; i++) this.layers.push(new Linear(sizes[i], sizes[i + 1], rng));
  }

  apply(x: Tensor): Tensor {
    const act = ACTIVATIONS[this.activation];
    let y = x;
    for (let i = 0; i < this.layers.length; i++) {
      y = this.layers[i].apply(y);
      if (i + 1 < this.layers.length) y = act(y);
    }
    return y;
  }

  parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.parameters());
  }
}

/** GRU cell, PyTorch layout: wIh (3H, I), wHh (3H, H), bIh (3H), bHh (3H), gate rows r, z, n. */
export class GRUCell implements Module {
  readonly wIh: Tensor;
  readonly wHh: Tensor;
  readonly bIh: Tensor;
  readonly bHh: Tensor;
  readonly inputSize: number;
  readonly hiddenSize: number;

  constructor(inputSize: number, hiddenSize: number, rng: Rng) {
    const bound = 1 / Math.sqrt(hiddenSize);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.wIh = uniformParameter([3 * hiddenSize, inputSize], bound, rng);
    this.wHh = uniformParameter([3 * hiddenSize, hiddenSize], bound, rng);
    this.bIh = uniformParameter([3 * hiddenSize], bound, rng);
    this.bHh = uniformParameter([3 * hiddenSize], bound, rng);
  }

  /** x (B, I), h (B, H) -> h' (B, H); h null = the zero initial state */
  apply(x: Tensor, h: Tensor | null): Tensor {
    return gruCell(x, h, this.wIh, this.wHh, this.bIh, this.bHh);
  }

  /**
   * Packed time-major sequences from the zero state (lib/kernels/packing.ts): xs (P, I) with batchSizes (T)
   * rows per step; equal lengths are the plain layout, row t·B + b is step t of sequence b.
   * Returns every hidden state, hs (P, H), in the same layout.
   */
  unroll(xs: Tensor, batchSizes: Int32Array): Tensor {
    return gruSequence(xs, this.wIh, this.wHh, this.bIh, this.bHh, batchSizes);
  }

  parameters(): Tensor[] {
    return [this.wIh, this.wHh, this.bIh, this.bHh];
  }
}

/**
 * A hypernetwork head: maps the state (B, S) to per-sample weights (B, out), through `layers` linear
 * layers with ReLU between them (1 layer: a single Linear; 2 layers: Linear → ReLU → Linear).
 */
export function hypernetHead(stateDim: number, hidden: number, out: number, layers: number, rng: Rng): MLP {
  if (layers === 1) return new MLP([stateDim, out], rng);
  if (layers < 1 || !Number.isInteger(layers)) throw new RangeError(`hypernetHead: layers must be a positive integer, got ${layers}`);
  const sizes = [stateDim];
  for (let i = 1; i < layers; i++) sizes.push(hidden);
  sizes.push(out);
  return new MLP(sizes, rng, 'relu');
}
