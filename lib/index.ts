// Package entry: the public API of lib, autograd, mixers and envs (algos: the `avf` command and algos/ modules).
// Internal modules import the file they need, never this one.
export { Rng, createRng } from './rng.ts';
export { size, sameShape, formatShape } from './shape.ts';
export * as kernels from './kernels/index.ts';
export * from '../autograd/index.ts';
export * from '../mixers/index.ts';
export * from '../envs/index.ts';
