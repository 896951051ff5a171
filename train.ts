// The package entry "avf/train": training runs, evaluation and checkpoints, the algorithm table and
// its config, and the building blocks for writing your own learner (episode recording, replay buffer,
// batches, nets, controllers, the Learner interface).
export { train, resume, type RunResult, type TrainHooks, type StopSignal } from './algos/run/runner.ts';
export { evaluate, type EvalOptions, type EvalResult } from './algos/run/evaluate.ts';
export { loadPolicy, type Policy } from './algos/run/run-state.ts';
export { Trainer, envFor, greedyEpisode, type TrainingCounters } from './algos/run/trainer.ts';
export type { EpisodeMetrics } from './algos/run/metrics.ts';
export { main as cli } from './algos/run/cli.ts';
export { ALGOS, ALGO_IDS, algorithm, appliesTo, defaultConfig, resolveConfig, type AlgoId, type Algorithm } from './algos/algorithms.ts';
export { FIELDS, STATE_MODES, type TrainConfig, type StateMode, type Field, type Scope } from './algos/config.ts';
export { epsilonAt, hysteresisAt } from './algos/acting/schedules.ts';
export { Controller, type ActingController } from './algos/acting/controller.ts';
export { CenController } from './algos/acting/cen-controller.ts';
export { EpisodeBuilder, type Episode, type EpisodeLayout } from './algos/data/episode.ts';
export { ReplayBuffer, type Window } from './algos/data/replay-buffer.ts';
export { buildBatch, mixerStateDim, type Batch } from './algos/data/batch.ts';
export { buildJointBatch, type JointBatch } from './algos/data/joint-batch.ts';
export { encodeJoint, decodeJoint, jointSize, conditionalArgmax } from './algos/data/joint-actions.ts';
export { AgentInputs } from './algos/data/agent-inputs.ts';
export { AgentNet, type RecurrentQNet } from './algos/nets/agent-net.ts';
export { MacroQNet } from './algos/nets/macro-q-net.ts';
export { SharedNetView, makeUtilityNets, uniqueParameters } from './algos/nets/shared-net.ts';
export type { Learner } from './algos/learners/learner.ts';
export { AvfLearner } from './algos/learners/avf.ts';
export { DecLearner } from './algos/learners/dec-maddrqn.ts';
export { CenLearner } from './algos/learners/cen-maddrqn.ts';
export { applyGradients, makeOptimizer, TargetSync } from './algos/learners/optimization.ts';
export { rowMax } from './algos/learners/q-values.ts';
