// The autograd layer's public surface.
export { Arena, withArena } from './arena.ts';
export { Tensor, tensor, zeros, empty, inputRows, noGrad, isGradEnabled, record, gradOf, backward } from './tensor.ts';
export type { BackwardFn } from './tensor.ts';
export { relu, leakyRelu, elu, abs, tanh, sigmoid, log, affine, add, mul, sub, detach } from './ops/elementwise.ts';
export { linear, matmul } from './ops/linalg.ts';
export { sumRows, sum, mean, maxRows, argmaxRows, softmaxRows, logsumexpRows, logEpsMixtureRows, gather, pick } from './ops/reduce.ts';
export { reshape, concatCols, sliceCols, sliceRows, concatRows, takeRows } from './ops/layout.ts';
export { mseLoss, huberLoss, hystereticLoss } from './ops/loss.ts';
export { gruCell, hyperMix, rowDot, headWeights } from './ops/fused.ts';
export { Linear, MLP, GRUCell, hypernetHead, uniformParameter } from './nn.ts';
export type { Module, Activation } from './nn.ts';
export { zeroGrad, copyParams, polyakUpdate, gradNorm, clipGradNorm, countParams, flattenParams, loadFlatParams } from './params.ts';
export { Adam, RMSprop } from './optim.ts';
export type { Optimizer, AdamOptions, RMSpropOptions } from './optim.ts';
