// Matrix products at the network's shapes: blocked layouts against the naive loop.
import { matmulAdd, matmulNaiveAdd, matmulNTAdd, matmulTNAdd } from '../lib/kernels/matmul.ts';
import { isMain, randomArray, runSuite, saveDerived, type BenchRow } from './_support.ts';

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
  return runSuite('matmul', cases);
}

if (isMain(import.meta.url)) saveDerived('matmul', await run());
