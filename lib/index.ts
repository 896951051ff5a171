// The numeric base's public surface: seeded RNG, shapes, the Float32Array kernels. It imports nothing
// from the layers above; the package entry is ../index.ts.
export { Rng, createRng } from './rng.ts';
export { size, sameShape, formatShape } from './shape.ts';
export * as kernels from './kernels/index.ts';
export { uniformBatchSizes, packLengths, packedOffsets, packedRows, checkBatchSizes } from './kernels/packing.ts';
export { BACKEND, wasmSimdAvailable, type BackendName } from './wasm/backend.ts';
