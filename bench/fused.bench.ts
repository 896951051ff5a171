// Fused GRU cell and hypernetwork mixing (forward + backward) against the same maths composed from
// primitive autograd ops.
import { Arena, withArena } from '../autograd/arena.ts';
import { gruCell, hyperMix } from '../autograd/ops/fused.ts';
import { composedGru, composedMix } from '../spec/_support/composed.ts';
import { Tensor, backward } from '../autograd/tensor.ts';
import { isMain, randomArray, runSuite, saveDerived, type BenchRow } from './_support.ts';

const param = (shape: number[], seed: number) => new Tensor(randomArray(shape.reduce((a, b) => a * b), seed), shape, true);

export async function run(): Promise<BenchRow[]> {
  const B = 64, I = 64, H = 64;
  const gru = [param([B, I], 1), param([B, H], 2), param([3 * H, I], 3), param([3 * H, H], 4), param([3 * H], 5), param([3 * H], 6)];
  const seedGru = randomArray(B * H, 7);
  const gruFlops = 3 * 2 * B * 3 * H * (I + H); // forward + backward (2x) of both products
  const Bm = 1600, N = 2, E = 32;
  const qs = param([Bm, N], 8), w = param([Bm, N * E], 9), seedMix = randomArray(Bm * E, 10);
  const arena = new Arena();
  const step = (build: () => Tensor, seed: Float32Array) => () => withArena(arena, () => backward(build(), seed));
  const [x, h, wIh, wHh, bIh, bHh] = gru;
  return runSuite('fused', [
    { name: `GRU fused fwd+bwd B=${B} I=${I} H=${H}`, fn: step(() => gruCell(x, h, wIh, wHh, bIh, bHh), seedGru), flops: gruFlops },
    { name: `GRU composed fwd+bwd B=${B} I=${I} H=${H}`, fn: step(() => composedGru(x, h, wIh, wHh, bIh, bHh), seedGru), flops: gruFlops },
    { name: `hypernet mix fused fwd+bwd B=${Bm} N=${N} E=${E}`, fn: step(() => hyperMix(qs, w, E), seedMix) },
    { name: `hypernet mix composed fwd+bwd B=${Bm} N=${N} E=${E}`, fn: step(() => composedMix(qs, w, E), seedMix) },
  ]);
}

if (isMain(import.meta.url)) saveDerived('fused', await run());
