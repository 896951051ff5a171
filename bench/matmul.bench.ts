// Matrix products at the network's shapes: blocked layouts against the naive loop. Each case is timed
// first by a plain loop (median of 300 calls) before benny is loaded, then by benny: once benchmark.js is
// loaded, the same kernels measured 10-20% slower on the dev machine (see bench/_support.ts).
import { matmulAdd, matmulNaiveAdd, matmulNTAdd, matmulTNAdd } from '../lib/kernels/matmul.ts';
import { isMain, randomArray, runSuite, saveDerived, timeLoop, type BenchRow } from './_support.ts';

export async function run(): Promise<BenchRow[]> {
  const cases = [];
  for (const [M, K, N] of [[128, 64, 192], [3200, 64, 64]]) {
    const a = randomArray(M * K, 1), b = randomArray(K * N, 2), out = new Float32Array(M * N), flops = 2 * M * K * N;
    const tag = `${M}x${K}·${K}x${N}`;
    cases.push({ name: `A·B ${tag}`, fn: () => matmulAdd(out, a, b, M, K, N), flops });
    cases.push({ name: `A·Bᵀ ${tag}`, fn: () => matmulNTAdd(out, a, b, M, K, N), flops });
    cases.push({ name: `Aᵀ·B ${tag}`, fn: () => matmulTNAdd(out, a, b, M, K, N), flops });
    cases.push({ name: `naive ${tag}`, fn: () => matmulNaiveAdd(out, a, b, M, K, N), flops });
  }
  const timed: BenchRow[] = cases.map((c) => {
    const seconds = timeLoop(c.fn, 300, 50);
    return { suite: 'matmul', name: c.name, opsPerSec: 1 / seconds, gflops: c.flops / seconds / 1e9, method: 'timed loop (median of 300)' };
  });
  return [...timed, ...(await runSuite('matmul', cases))];
}

if (isMain(import.meta.url)) saveDerived('matmul', await run());
