// The canonical AVF update (bench/canonical-update.ts): updates/s, GFLOP/s, and proof that a
// steady-state update allocates no new typed arrays (counted, and the heap measured before/after).
//
// Measured on the 2-core dev machine: merely loading benny (benchmark.js, lodash) slows the same update
// by ~12% in that process (0.228 s vs 0.200 s per update), and its harness adds more. Both figures are
// recorded; the plain timed loop runs first, before benny is imported (see bench/_support.ts).
import { canonicalUpdateFlops, makeCanonicalUpdate } from './canonical-update.ts';
import { isMain, runSuite, saveDerived, timeLoop, type BenchRow } from './_support.ts';

export interface AllocationReport {
  updates: number;
  typedArraysCreated: number;
  arenaMiB: number;
  heapUsedBeforeMiB: number;
  heapUsedAfterMiB: number;
  arrayBuffersBeforeMiB: number;
  arrayBuffersAfterMiB: number;
}

const mib = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Counts every Float32Array / Int32Array / Uint8Array constructed during `updates` steady-state updates. */
export function measureAllocation(updates = 50): AllocationReport {
  const { update, arena } = makeCanonicalUpdate(1);
  for (let i = 0; i < 3; i++) update(); // warm up: the arena learns every shape
  const originals = { Float32Array, Int32Array, Uint8Array };
  let created = 0;
  const counting = (Base: unknown) =>
    class extends (Base as new (...args: unknown[]) => object) { constructor(...args: unknown[]) { super(...args); created++; } };
  collect();
  const before = process.memoryUsage();
  Object.assign(globalThis, { Float32Array: counting(Float32Array), Int32Array: counting(Int32Array), Uint8Array: counting(Uint8Array) });
  try {
    for (let i = 0; i < updates; i++) update();
  } finally {
    Object.assign(globalThis, originals);
  }
  collect();
  const after = process.memoryUsage();
  return {
    updates, typedArraysCreated: created, arenaMiB: mib(arena.bytes()),
    heapUsedBeforeMiB: mib(before.heapUsed), heapUsedAfterMiB: mib(after.heapUsed),
    arrayBuffersBeforeMiB: mib(before.arrayBuffers), arrayBuffersAfterMiB: mib(after.arrayBuffers),
  };
}

export async function run(): Promise<{ rows: BenchRow[]; allocation: AllocationReport }> {
  const name = 'canonical AVF-QMIX update (B=64, T=25, n=2, H=64)';
  const flops = canonicalUpdateFlops();
  const { update } = makeCanonicalUpdate(0);
  const seconds = timeLoop(update, 25, 3);
  const timed: BenchRow = { suite: 'update', name, opsPerSec: 1 / seconds, gflops: flops / seconds / 1e9, method: 'timed loop (median of 25)' };
  const allocation = measureAllocation();
  const benny = await runSuite('update', [{ name, fn: update, flops }], 8);
  return { rows: [timed, ...benny], allocation };
}

if (isMain(import.meta.url)) {
  const { rows, allocation } = await run();
  console.log(allocation);
  saveDerived('update', rows, { allocation });
}
