// Tensor and tape. Each differentiable op computes its output with a lib kernel and, through record(),
// attaches a closure that turns the output's gradient into its inputs' gradients (accumulating, +=).
// backward() orders the graph with an iterative depth-first search (no recursion: GRUs unrolled over
// long episodes make deep graphs) and runs the closures in reverse.
import { allocFloats, stepInput } from './arena.ts';
import { checkShape, expectLength, formatShape, size } from '../lib/shape.ts';

export type BackwardFn = (dOut: Float32Array) => void;

export class Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  /** Gradient of the last backward(); allocated on first need. */
  grad: Float32Array | null = null;
  requiresGrad: boolean;
  /** Inputs and the closure that produced this tensor (empty for leaves). */
  parents: readonly Tensor[] = [];
  backwardFn: BackwardFn | null = null;

  constructor(data: Float32Array, shape: readonly number[], requiresGrad = false) {
    checkShape(shape);
    expectLength(data.length, shape, 'Tensor');
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
  }

  get size(): number {
    return this.data.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) throw new RangeError(`item(): tensor of shape ${formatShape(this.shape)} has ${this.data.length} elements`);
    return this.data[0];
  }

  toString(): string {
    return `Tensor${formatShape(this.shape)}`;
  }
}

/** A tensor over `data` (copied from a plain array, or used as is when it is a Float32Array). */
export function tensor(data: Float32Array | readonly number[], shape: readonly number[], requiresGrad = false): Tensor {
  return new Tensor(data instanceof Float32Array ? data : Float32Array.from(data), shape, requiresGrad);
}

/** A zero tensor whose buffer comes from the current arena, if any. */
export function zeros(shape: readonly number[], requiresGrad = false): Tensor {
  return new Tensor(allocFloats(size(shape)), shape, requiresGrad);
}

/** A tensor whose every element the caller will overwrite (skips zero-filling a reused arena buffer). */
export function empty(shape: readonly number[]): Tensor {
  return new Tensor(allocFloats(size(shape), false), shape);
}

/** A step's input, `data` (R·C) row-major (a batch's observations or states), as an (R, C) tensor on a step
 * buffer (stepInput: resident in the kernels' memory inside a step on the WebAssembly backend). */
export function inputRows(data: Float32Array, cols: number): Tensor {
  return new Tensor(stepInput(data), [data.length / cols, cols]);
}

let gradEnabled = true;

/** Runs fn without recording any graph (acting, target networks); returns its result. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Attaches `backwardFn` to `out` when recording is on and some input needs a gradient; returns out. */
export function record(out: Tensor, parents: readonly Tensor[], backwardFn: BackwardFn): Tensor {
  if (!gradEnabled) return out;
  for (const p of parents) {
    if (p.requiresGrad) {
      out.requiresGrad = true;
      out.parents = parents;
      out.backwardFn = backwardFn;
      return out;
    }
  }
  return out;
}

/** The gradient buffer of t (allocated zeroed on first use), or null when t needs no gradient. */
export function gradOf(t: Tensor): Float32Array | null {
  if (!t.requiresGrad) return null;
  if (t.grad === null) t.grad = allocFloats(t.data.length);
  return t.grad;
}

function isAllZero(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

/** Post-order of the graph below root, iteratively. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: Array<[Tensor, number]> = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, next] = top;
    if (next < node.parents.length) {
      top[1] = next + 1;
      const parent = node.parents[next];
      if (parent.requiresGrad && !seen.has(parent)) {
        seen.add(parent);
        stack.push([parent, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

/**
 * Accumulates d(root)/d(leaf) into every leaf's grad. root must have one element unless `seed`
 * (the gradient of root, same size) is given. Intermediate gradients are released afterwards.
 */
export function backward(root: Tensor, seed?: Float32Array): void {
  if (!root.requiresGrad) throw new Error('backward(): the tensor does not depend on anything that requires a gradient');
  if (seed === undefined && root.data.length !== 1) {
    throw new RangeError(`backward(): root of shape ${formatShape(root.shape)} is not a scalar; pass a seed gradient`);
  }
  const order = topologicalOrder(root);
  const rootGrad = gradOf(root)!;
  if (seed === undefined) rootGrad[0] += 1;
  else {
    expectLength(seed.length, root.shape, 'backward seed');
    for (let i = 0; i < seed.length; i++) rootGrad[i] += seed[i];
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (node.backwardFn === null || node.grad === null) continue;
    // a node whose gradient is exactly zero contributes nothing (e.g. the last step of an unroll that
    // is only used for a greedy argmax): skip its closure, but give its inputs their (zero) gradients
    // as running it would have
    if (!isAllZero(node.grad)) node.backwardFn(node.grad);
    else for (const p of node.parents) gradOf(p);
  }
  for (const node of order) {
    if (node.backwardFn !== null) {
      node.grad = null;
      node.parents = [];
      node.backwardFn = null;
    }
  }
}
