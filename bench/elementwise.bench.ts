// Plain Float32Array loops against ndarray-ops (code-generated kernels) on the same work.
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { addForward, reluForward } from '../lib/kernels/elementwise.ts';
import { isMain, randomArray, runSuite, saveDerived, type BenchRow } from './_support.ts';

export async function run(): Promise<BenchRow[]> {
  const cases = [];
  for (const [R, C] of [[32, 64], [256, 256]]) {
    const n = R * C, a = randomArray(n, 1), b = randomArray(n, 2), out = new Float32Array(n);
    const [va, vb, vo] = [a, b, out].map((d) => ndarray(d, [R, C]));
    cases.push({ name: `add avf ${R}x${C}`, fn: () => addForward(out, a, b, n, n) });
    cases.push({ name: `add ndarray-ops ${R}x${C}`, fn: () => ops.add(vo, va, vb) });
    cases.push({ name: `relu avf ${R}x${C}`, fn: () => reluForward(out, a, n) });
    cases.push({ name: `relu ndarray-ops ${R}x${C}`, fn: () => ops.maxs(vo, va, 0) });
  }
  return runSuite('elementwise', cases, 1);
}

if (isMain(import.meta.url)) saveDerived('elementwise', await run());
