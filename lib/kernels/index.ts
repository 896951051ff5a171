// All raw Float32Array kernels, for embedding and micro-benchmarks without the autograd graph.
export * from './matmul.ts';
export * from './linear.ts';
export * from './elementwise.ts';
export * from './reduce.ts';
export * from './gather.ts';
export * from './copy.ts';
export * from './loss.ts';
export * from './gru.ts';
export * from './hyper.ts';
export * from './heads.ts';
