// Working with parameter lists: zeroing gradients, copying, Polyak averaging, gradient clipping,
// and flattening to one Float32Array (checkpoints).
import { formatShape, sameShape } from '../lib/shape.ts';
import type { Tensor } from './tensor.ts';

function checkPaired(dst: readonly Tensor[], src: readonly Tensor[], op: string): void {
  if (dst.length !== src.length) throw new RangeError(`${op}: ${dst.length} parameters against ${src.length}`);
  for (let i = 0; i < dst.length; i++) {
    if (!sameShape(dst[i].shape, src[i].shape)) {
      throw new RangeError(`${op}: parameter ${i} has shape ${formatShape(dst[i].shape)} against ${formatShape(src[i].shape)}`);
    }
  }
}

/** Sets every gradient to zero (allocating it once, so it is reused by every later step). */
export function zeroGrad(params: readonly Tensor[]): void {
  for (const p of params) {
    if (p.grad === null) p.grad = new Float32Array(p.size);
    else p.grad.fill(0);
  }
}

/** dst ← src, parameter by parameter. */
export function copyParams(dst: readonly Tensor[], src: readonly Tensor[]): void {
  checkPaired(dst, src, 'copyParams');
  for (let i = 0; i < dst.length; i++) dst[i].data.set(src[i].data);
}

/** Polyak averaging: target ← ω·target + (1 − ω)·online. */
export function polyakUpdate(target: readonly Tensor[], online: readonly Tensor[], omega: number): void {
  checkPaired(target, online, 'polyakUpdate');
  if (!(omega >= 0 && omega <= 1)) throw new RangeError(`polyakUpdate: ω must lie in [0, 1], got ${omega}`);
  const keep = omega, take = 1 - omega;
  for (let i = 0; i < target.length; i++) {
    const t = target[i].data, o = online[i].data;
    for (let j = 0; j < t.length; j++) t[j] = keep * t[j] + take * o[j];
  }
}

/** The global L2 norm of all gradients (missing gradients count as zero). */
export function gradNorm(params: readonly Tensor[]): number {
  let sq = 0;
  for (const p of params) {
    if (p.grad === null) continue;
    for (let j = 0; j < p.grad.length; j++) sq += p.grad[j] * p.grad[j];
  }
  return Math.sqrt(sq);
}

/** Scales all gradients so their global norm is at most maxNorm (as torch.nn.utils.clip_grad_norm_); returns the norm before clipping. */
export function clipGradNorm(params: readonly Tensor[], maxNorm: number): number {
  const norm = gradNorm(params);
  const scale = maxNorm / (norm + 1e-6);
  if (scale < 1) {
    for (const p of params) {
      if (p.grad === null) continue;
      for (let j = 0; j < p.grad.length; j++) p.grad[j] *= scale;
    }
  }
  return norm;
}

export function countParams(params: readonly Tensor[]): number {
  let n = 0;
  for (const p of params) n += p.size;
  return n;
}

/** All parameter values, concatenated in order. */
export function flattenParams(params: readonly Tensor[]): Float32Array {
  const flat = new Float32Array(countParams(params));
  let at = 0;
  for (const p of params) {
    flat.set(p.data, at);
    at += p.size;
  }
  return flat;
}

/** Loads values written by flattenParams; the total length must match exactly. */
export function loadFlatParams(params: readonly Tensor[], flat: Float32Array): void {
  const expected = countParams(params);
  if (flat.length !== expected) throw new RangeError(`loadFlatParams: ${flat.length} values for ${expected} parameters`);
  let at = 0;
  for (const p of params) {
    p.data.set(flat.subarray(at, at + p.size));
    at += p.size;
  }
}
