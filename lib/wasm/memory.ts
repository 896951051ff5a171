// The kernels' memory seen from JS, and the staging of one kernel call. Operands that live in the resident
// memory (resident.ts: the training arenas' buffers) are used in place; the others — parameters, arrays
// made outside an arena, temporaries — are copied into its scratch block. A call whose operands are all
// ordinary arrays, or whose copies do not fit the scratch block, copies everything into the staging
// memory instead, which grows whenever a call needs it (no view of it is kept across calls).
import { wasmKernels, type WasmKernels } from './backend.ts';
import { isResident, residentBuffer, residentKernels, scratch } from './resident.ts';

let heap = new Float32Array(0);

/** A view of the staging memory holding at least `floats` values. */
export function heapFor(floats: number): Float32Array {
  const { memory } = wasmKernels();
  const need = floats * 4 - memory.buffer.byteLength;
  if (need > 0) memory.grow(Math.ceil(need / 65536));
  if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);
  return heap;
}

let residentHeap = new Float32Array(0);

function residentView(): Float32Array {
  const buffer = residentBuffer();
  if (residentHeap.buffer !== buffer) residentHeap = new Float32Array(buffer);
  return residentHeap;
}

/** Consecutive float offsets for blocks of the given sizes (each rounded up to 4 floats, 16 bytes), and the total. */
export function layout(sizes: readonly number[]): { at: number[]; total: number } {
  const at: number[] = [];
  let total = 0;
  for (const n of sizes) {
    at.push(total);
    total += Math.ceil(n / 4) * 4;
  }
  return { at, total };
}

/** heap at float offset `at` ← the transpose (C, R) of src (R, C) read from element offset `from`. */
export function transposeInto(heap: Float32Array, at: number, src: Float32Array, from: number, R: number, C: number): void {
  for (let r = 0; r < R; r++) for (let c = 0, p = from + r * C; c < C; c++) heap[at + c * R + r] = src[p + c];
}

/** heap[at …] ← `row` repeated `rows` times (a bias broadcast over a batch), by doubling copies. */
export function fillRows(heap: Float32Array, at: number, row: Float32Array, rows: number): void {
  const C = row.length;
  if (rows === 0) return;
  heap.set(row, at);
  for (let done = 1; done < rows; done *= 2) heap.copyWithin(at + done * C, at, at + Math.min(done, rows - done) * C);
}

/** One block of a kernel call: n floats of `data` from element `off`, or (data null) a temporary of n floats. */
export interface Block {
  data: Float32Array | null;
  off?: number;
  n: number;
  /** the kernel reads what the block holds (inputs, and outputs it accumulates into) */
  read?: boolean;
  /** the kernel writes it (outputs) */
  write?: boolean;
}

export interface Staged {
  /** the float view of the memory the call runs in */
  h: Float32Array;
  k: WasmKernels;
  /** float offset in h of each block */
  at: number[];
  /** copies the written blocks that were copied in back to their arrays */
  finish(): void;
}

/** Kernel calls so far that ran in the resident memory, and those that copied everything to the staging memory (for benchmarks and tests). */
export const stageCounts = { resident: 0, staged: 0 };

/** Places the blocks of one call: in place where resident, in the scratch block or the staging memory otherwise. */
export function stage(blocks: readonly Block[]): Staged {
  for (const b of blocks) {
    if (b.data !== null && b.n > 0 && (b.off ?? 0) + b.n > b.data.length) {
      // in place, a kernel would write past the array into its neighbour; a view of a memory that has grown since is empty
      throw new RangeError(`kernel operand: ${b.n} values from ${b.off ?? 0} do not fit an array of ${b.data.length}${b.data.length === 0 ? ' (a view kept across a step?)' : ''}`);
    }
  }
  const inPlace = blocks.map((b) => b.data !== null && b.n > 0 && isResident(b.data));
  if (inPlace.some(Boolean)) {
    const copied = layout(blocks.map((b, j) => (inPlace[j] ? 0 : b.n)));
    const base = scratch(copied.total);
    if (base >= 0) {
      const h = residentView();
      const at = blocks.map((b, j) => (inPlace[j] ? b.data!.byteOffset / 4 + (b.off ?? 0) : base + copied.at[j]));
      stageCounts.resident++;
      return place(h, residentKernels(), blocks, at, inPlace);
    }
  }
  const { at, total } = layout(blocks.map((b) => b.n));
  stageCounts.staged++;
  return place(heapFor(total), wasmKernels(), blocks, at, blocks.map(() => false));
}

function place(h: Float32Array, k: WasmKernels, blocks: readonly Block[], at: number[], inPlace: readonly boolean[]): Staged {
  blocks.forEach((b, j) => {
    if (!inPlace[j] && b.data !== null && b.read) h.set(b.data.subarray(b.off ?? 0, (b.off ?? 0) + b.n), at[j]);
  });
  return {
    h, k, at,
    finish() {
      blocks.forEach((b, j) => {
        if (!inPlace[j] && b.data !== null && b.write) b.data.set(h.subarray(at[j], at[j] + b.n), b.off ?? 0);
      });
    },
  };
}
