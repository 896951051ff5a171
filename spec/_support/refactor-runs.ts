// One short fixed-seed training run per algorithm, shared by the recorder (which wrote
// spec/_support/refactor-baseline.json with the engine before the algos/ reorganisation) and by the
// spec that checks every later engine reproduces those metrics bit for bit. One entry was re-recorded since,
// for a change of summation order: 'avf-qplex ct-10 terminated-macro' when the GRU unroll became packed
// (lib/kernels/packing.ts: windows sorted by decision count, no padded steps), which moved the weight-gradient
// sums of its windows into another order and its losses from episode 11 on by one float32 rounding (about
// 1e-9); its episodes, returns and updates did not change, nor did any other run's metrics.
import type { TrainConfig } from '../../algos/config.ts';

const small = { episodes: 12, horizon: 30, startTrain: 3, evalEvery: 4, evalEpisodes: 2, batchSize: 8, hidden: 16, seed: 3 };

export const REFACTOR_RUNS: Record<string, Partial<TrainConfig>> = {
  'avf-vdn bp-10': { ...small, algo: 'avf-vdn', env: 'bp-10', windowLength: 10, trainEvery: 5 },
  'avf-qmix wtd-s real': { ...small, algo: 'avf-qmix', env: 'wtd-s', stateMode: 'real', windowLength: 10, trainEvery: 5, mixerEmbed: 8, hypernetEmbed: 8 },
  'avf-qplex ct-10 terminated-macro': { ...small, algo: 'avf-qplex', env: 'ct-10', stateMode: 'terminated-macro', windowLength: 8, trainEvery: 6, qplexHeads: 2, qplexTransformHidden: 8, qplexHeadHidden: 8 },
  'avf-qplex bp-10': { ...small, algo: 'avf-qplex', env: 'bp-10', windowLength: 10, trainEvery: 5 },
  // recorded when Dec-MADDRQN (and Cen, which starts from Dec's settings) forced terminal transitions valid
  'dec-maddrqn wtd-s': { ...small, algo: 'dec-maddrqn', env: 'wtd-s', trainEvery: 20, targetUpdateEvery: 50, mlpHidden: 8, forceTerminalValid: true },
  'dec-maddrqn bp-10': { ...small, algo: 'dec-maddrqn', env: 'bp-10', windowLength: 10, trainEvery: 5, targetUpdateEvery: 40, mlpHidden: 8, forceTerminalValid: true },
  'cen-maddrqn bp-10': { ...small, algo: 'cen-maddrqn', env: 'bp-10', windowLength: 10, trainEvery: 5, targetUpdateEvery: 40, mlpHidden: 8, forceTerminalValid: true },
  'vdn bp-10': { ...small, algo: 'vdn', env: 'bp-10', startTrain: 4, targetUpdateEveryEpisodes: 5 },
  'qmix ct-10': { ...small, algo: 'qmix', env: 'ct-10', startTrain: 4, targetUpdateEveryEpisodes: 5, mixerEmbed: 8, hypernetEmbed: 8 },
  'qplex wtd-s': { ...small, algo: 'qplex', env: 'wtd-s', startTrain: 4, targetUpdateEveryEpisodes: 5, qplexHeads: 2, qplexTransformHidden: 8, qplexHeadHidden: 8 },
};
