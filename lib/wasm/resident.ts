// Where the tensors of a training step live on the WebAssembly backend: a second kernel memory (the
// "resident" memory) from which training arenas take their buffers, so kernels read and write them in
// place instead of copying them in and out. Its layout only ever grows at the end and buffers never move,
// so a buffer is an offset for good; what a grow invalidates is the JS views (growing detaches the old
// ArrayBuffer). Views are therefore re-made by their owner from the offsets (`viewAt`), and the memory
// grows only at `settle()`, which the outermost training step calls before it hands out any buffer: no
// view of the step can be live then. A request that does not fit mid-step is refused (the caller takes a
// plain array; kernels copy it as before) and remembered, so the next settle() makes room for it.
// Beside the buffers the memory keeps a scratch block for the operands a kernel call must copy in
// (parameters, arrays from outside the arena). An arena that is collected gives its blocks back
// (autograd/arena.ts registers them), so a process that makes learner after learner does not run out.
import { instantiate, type WasmKernels } from './backend.ts';

const PAGE = 65536, MAX_PAGES = 65536;

interface Resident {
  kernels: WasmKernels;
  /** bytes handed out so far (buffers and scratch blocks), from byte 0 up */
  top: number;
  /** bytes asked for mid-step and refused since the last settle */
  deficit: number;
  scratchAt: number;
  scratchFloats: number;
  /** the largest scratch a call has asked for */
  scratchWanted: number;
}

let resident: Resident | null = null;

function state(): Resident {
  resident ??= { kernels: instantiate(16), top: 0, deficit: 0, scratchAt: 0, scratchFloats: 0, scratchWanted: 1 << 16 };
  return resident;
}

/** The resident memory's kernels (a second instance of the kernel module, on its own memory). */
export function residentKernels(): WasmKernels {
  return state().kernels;
}

/** True when `x` is a view of the resident memory (kernels can use it in place). */
export function isResident(x: Float32Array): boolean {
  return resident !== null && x.buffer === resident.kernels.memory.buffer;
}

/** Blocks given back (their owners were collected), by size in bytes: handed out again before new memory. */
const freed = new Map<number, number[]>();

/** Bytes of the block that holds `floats` floats: a multiple of 16, so every block stays 16-byte aligned. */
const blockBytes = (floats: number) => Math.ceil((floats * 4) / 16) * 16;

/** Byte offset in the resident memory of a block of `floats` floats (16-byte aligned), or −1 when it does not fit now. */
export function reserve(floats: number): number {
  const s = state(), bytes = blockBytes(floats);
  const again = freed.get(bytes)?.pop();
  if (again !== undefined) return again;
  if (s.top + bytes > s.kernels.memory.buffer.byteLength) {
    s.deficit += bytes;
    return -1;
  }
  const at = s.top;
  s.top += bytes;
  return at;
}

/** Gives a block back (its owner is gone): the next reserve of the same size gets it. */
export function release(at: number, floats: number): void {
  const bytes = blockBytes(floats);
  let list = freed.get(bytes);
  if (list === undefined) freed.set(bytes, (list = []));
  list.push(at);
}

/** A Float32Array of `floats` values at byte offset `at` of the resident memory as it is now. */
export function viewAt(at: number, floats: number): Float32Array {
  return new Float32Array(state().kernels.memory.buffer, at, floats);
}

/** The resident memory's current buffer (owners of views compare it to know whether to re-make them). */
export function residentBuffer(): ArrayBuffer {
  return state().kernels.memory.buffer;
}

/**
 * Between steps: grows the memory by what was refused since the last settle (and the scratch calls asked
 * for), so the next step gets it. Every view of the memory made before is invalid afterwards.
 */
export function settle(): void {
  const s = state();
  const scratchShort = s.scratchWanted > s.scratchFloats;
  if (s.deficit === 0 && !scratchShort) return;
  const scratch = scratchShort ? Math.max(s.scratchWanted, 2 * s.scratchFloats) : 0;
  const need = s.top + s.deficit + scratch * 4 + 16;
  const extra = need - s.kernels.memory.buffer.byteLength;
  // grow by at least half again (a step that keeps growing settles in a few steps), within the 4 GiB of a memory
  if (extra > 0) {
    const pages = s.kernels.memory.buffer.byteLength / PAGE, needed = Math.ceil(extra / PAGE);
    const wanted = Math.min(Math.max(needed, Math.ceil(pages / 2)), MAX_PAGES - pages);
    if (wanted < needed) throw new RangeError(`the resident kernel memory would need ${((pages + needed) * PAGE / 2 ** 30).toFixed(1)} GiB, more than a WebAssembly memory holds (4 GiB)`);
    s.kernels.memory.grow(wanted);
  }
  if (scratchShort) {
    s.scratchAt = s.top; // the old block is left behind: scratch grows geometrically, so at most as much again is lost
    s.scratchFloats = scratch;
    s.top += Math.ceil((scratch * 4) / 16) * 16;
  }
  s.deficit = 0;
}

/** The scratch block: its float offset, or −1 when `floats` do not fit (remembered for the next settle). */
export function scratch(floats: number): number {
  const s = state();
  if (floats > s.scratchFloats) {
    s.scratchWanted = Math.max(s.scratchWanted, floats);
    return -1;
  }
  return s.scratchAt / 4;
}
