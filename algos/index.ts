// Programmatic entry to training (design §2).
export { train, resume, greedyEpisode, type RunResult, type TrainHooks } from './runner.ts';
export { evaluate, type EvalOptions, type EvalResult } from './evaluate.ts';
export { resolveConfig, defaultConfig, ALGO_IDS, STATE_MODES, type TrainConfig, type AlgoId, type StateMode } from './config.ts';
export { loadPolicy, type Policy } from './run-state.ts';
