// The package entry "avf": the core — the numeric base (lib), autograd, the mixers and the environments.
// It imports nothing from npm and nothing from node:, and loads under --disallow-code-generation-from-strings.
// Training lives in "avf/train", the scijs/ndarray interop in "avf/ndarray".
export * from './lib/index.ts';
export * from './autograd/index.ts';
export * from './mixers/index.ts';
export * from './envs/index.ts';
