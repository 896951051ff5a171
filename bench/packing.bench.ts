// The AVF update with the packed GRU unroll (each window over its own decisions, lib/kernels/packing.ts)
// against the padded one (every window to the batch's longest decision sequence, the layout before
// packing): AVF-QMIX at the paper's WTD-T1 settings (B = 64 windows of 25 records, 4 agents, GRU 64,
// joint macro-state) on one batch sampled from 300 episodes of the uniform-random policy, the episodes
// an AVF run learns from first. Late in training the padding grows (agents decide more often, so some
// window's longest sequence nears 26 while the mean stays near 7) and so does the gain; README has the
// figure measured on a late-training checkpoint.
import { buildBatch, type Batch } from '../algos/data/batch.ts';
import { resolveConfig } from '../algos/algorithms.ts';
import type { AvfLearner } from '../algos/learners/avf.ts';
import { Trainer } from '../algos/run/trainer.ts';
import { packedRows } from '../lib/kernels/packing.ts';
import { Rng } from '../lib/rng.ts';
import { isMain, runSuite, saveDerived, timeLoop, type BenchRow } from './_support.ts';

/** The learner and one batch in both layouts, with the rows each unrolls (Σ over agents). */
export function makePackingCase(episodes = 300): { learner: AvfLearner; packed: Batch; padded: Batch; rows: { packed: number; padded: number } } {
  const config = resolveConfig({ env: 'wtd-t1', algo: 'avf-qmix', seed: 0, startTrain: 1e9 });
  const trainer = new Trainer(config);
  for (let e = 0; e < episodes; e++) trainer.collectEpisode(); // ε = 1 until training starts: uniform-random macro-actions
  const windows = trainer.buffer.sampleWindows(config.batchSize, new Rng(1), config.windowLength)!;
  const build = (unroll: 'packed' | 'padded') => buildBatch(windows, config.windowLength, trainer.layout, config.stateMode, unroll);
  const packed = build('packed'), padded = build('padded');
  const rows = (b: Batch) => b.batchSizes.reduce((a, s) => a + packedRows(s), 0);
  return { learner: trainer.learner as AvfLearner, packed, padded, rows: { packed: rows(packed), padded: rows(padded) } };
}

export async function run(): Promise<{ rows: BenchRow[]; unrolled: { packed: number; padded: number } }> {
  const { learner, packed, padded, rows } = makePackingCase();
  const name = (kind: string, n: number) => `WTD-T1 AVF-QMIX update, ${kind} unroll (${n} GRU rows over 4 agents)`;
  const cases = [{ name: name('packed', rows.packed), fn: () => learner.update(packed) }, { name: name('padded', rows.padded), fn: () => learner.update(padded) }];
  const timed: BenchRow[] = [];
  for (let round = 0; round < 2; round++) { // alternating, so drift hits both alike
    for (const c of cases) timed.push({ suite: 'packing', name: c.name, opsPerSec: 1 / timeLoop(c.fn, 15, 3), method: `timed loop (median of 15), round ${round + 1}` });
  }
  const benny = await runSuite('packing', cases, 6);
  return { rows: [...timed, ...benny], unrolled: rows };
}

if (isMain(import.meta.url)) {
  const { rows, unrolled } = await run();
  saveDerived('packing', rows, { unrolled });
}
