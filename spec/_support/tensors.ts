// Small helpers for specs: random tensors, closeness assertions, fast-check shape arbitraries.
import fc from 'fast-check';
import { Rng } from '../../lib/rng.ts';
import { Tensor } from '../../autograd/tensor.ts';

/** A tensor with values U(lo, hi), optionally kept at least `gap` away from zero (to avoid kinks). */
export function randomTensor(shape: readonly number[], rng: Rng, { lo = -1, hi = 1, requiresGrad = true, gap = 0 } = {}): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = rng.range(lo, hi);
    while (Math.abs(v) < gap) v = rng.range(lo, hi);
    data[i] = v;
  }
  return new Tensor(data, shape, requiresGrad);
}

/** Max |a − b| relative to max(1, |b|). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

export function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5, what = 'values'): void {
  const d = maxRelDiff(a, b);
  if (!(d <= tol)) throw new Error(`${what} differ: max relative difference ${d} > ${tol}`);
}

/** A small dimension, 1..max. */
export const dim = (max = 6) => fc.integer({ min: 1, max });
export const seed = () => fc.integer({ min: 0, max: 0x7fffffff });
