// Buffer reuse for training steps. Inside `withArena(arena, fn)` every activation and gradient buffer
// comes from the arena; `arena.reset()` hands the same buffers out again, in the same order, on the next
// step. A step that repeats the same shapes therefore allocates no new typed arrays after its first run.
// On the WebAssembly backend the float buffers live in the kernels' resident memory (lib/wasm/resident.ts),
// which grows only when an outermost step starts; every arena re-makes its views then.
// Outside an arena, buffers are fresh typed arrays collected by the GC as usual.
import { BACKEND } from '../lib/wasm/backend.ts';
import { release, reserve, residentBuffer, settle, viewAt } from '../lib/wasm/resident.ts';

/**
 * The capacity a request for n elements is served from: n itself up to 16, above that n rounded up to
 * the next multiple of 2^(⌊log2 n⌋ − 3), i.e. 8 classes per octave and at most 12.5% slack. Training
 * batches vary in size from one update to the next (the number of decisions in a sampled window
 * changes); pooling by exact length kept a buffer for every length ever seen (measured: 1.5 GiB after
 * 800 BP-10 updates), pooling by class keeps a few dozen.
 */
export function sizeClass(n: number): number {
  if (n <= 16) return n;
  const step = 2 ** (31 - Math.clz32(n) - 3);
  return Math.ceil(n / step) * step;
}

/**
 * One reusable buffer of a class's capacity and the view of the length it was last handed out at. A
 * float buffer on the WebAssembly backend lives in the resident memory at byte offset `at` (−1: an
 * ordinary array, because the memory was full when it was made; it moves in at the next step).
 */
interface Slot<T extends Float32Array | Int32Array> {
  full: T;
  view: T;
  at: number;
}

/** Where a pool's buffers come from: ordinary arrays, or (floats on the wasm backend) the resident memory. */
interface Source<T extends Float32Array | Int32Array> {
  make(n: number): T;
  /** byte offset of a new resident buffer of n values (recorded to be given back with its arena), or −1 */
  reserve?(n: number): number;
  viewAt?(at: number, n: number): T;
  buffer?(): ArrayBuffer;
}

class Pool<T extends Float32Array | Int32Array> {
  readonly slots: Slot<T>[] = [];
  readonly capacity: number;
  readonly source: Source<T>;
  used = 0;

  constructor(capacity: number, source: Source<T>) {
    this.capacity = capacity;
    this.source = source;
  }

  /** A view of length n on the next free buffer (a new buffer only when all are in use), zeroed if asked. */
  take(n: number, zero: boolean): T {
    if (this.used === this.slots.length) {
      const at = this.source.reserve?.(this.capacity) ?? -1;
      const full = at >= 0 ? this.source.viewAt!(at, this.capacity) : this.source.make(this.capacity);
      if (at >= 0) full.fill(0); // as a fresh array (reserve only hands out new, zeroed pages; kept explicit)
      const view = full.subarray(0, n) as T;
      this.slots.push({ full, view, at });
      this.used++;
      return view;
    }
    const slot = this.slots[this.used++];
    if (slot.view.length !== n) slot.view = slot.full.subarray(0, n) as T; // same length as last time: no new view
    return zero ? (slot.view.fill(0) as T) : slot.view;
  }

  /** Before a step: re-make the views of resident buffers after the memory grew, and move ordinary ones in if they fit now. */
  refresh(): void {
    const { reserve, viewAt, buffer } = this.source;
    if (reserve === undefined || viewAt === undefined || buffer === undefined) return;
    const current = buffer();
    for (const slot of this.slots) {
      if (slot.at < 0) {
        const at = reserve(this.capacity);
        if (at < 0) continue;
        slot.at = at;
      } else if (slot.full.buffer === current) continue;
      slot.full = viewAt(slot.at, this.capacity);
      slot.view = slot.full.subarray(0, slot.view.length) as T;
    }
  }
}

class Pools<T extends Float32Array | Int32Array> {
  readonly #byClass = new Map<number, Pool<T>>();
  readonly source: Source<T>;

  constructor(source: Source<T>) {
    this.source = source;
  }

  /** A length-n array, reused after reset(); zero-filled unless `zero` is false. */
  take(n: number, zero: boolean): T {
    const c = sizeClass(n);
    let pool = this.#byClass.get(c);
    if (pool === undefined) this.#byClass.set(c, (pool = new Pool(c, this.source)));
    return pool.take(n, zero);
  }

  reset(): void {
    for (const pool of this.#byClass.values()) {
      pool.used = 0;
      pool.refresh();
    }
  }

  bytes(): number {
    let total = 0;
    for (const pool of this.#byClass.values()) for (const s of pool.slots) total += s.full.byteLength;
    return total;
  }
}

/** An arena's resident blocks [byte offset, floats], given back to the resident memory when the arena is collected. */
const residentBlocks = new FinalizationRegistry<[number, number][]>((blocks) => {
  for (const [at, n] of blocks) release(at, n);
});

/** Float buffers: in the resident memory on the WebAssembly backend (kernels use them in place), ordinary arrays otherwise. */
function floatSource(owner: object): Source<Float32Array> {
  if (BACKEND !== 'wasm') return { make: (n) => new Float32Array(n) };
  const blocks: [number, number][] = [];
  residentBlocks.register(owner, blocks);
  return {
    make: (n) => new Float32Array(n),
    reserve: (n) => {
      const at = reserve(n);
      if (at >= 0) blocks.push([at, n]);
      return at;
    },
    viewAt, buffer: residentBuffer,
  };
}

export class Arena {
  readonly #floats = new Pools(floatSource(this));
  readonly #ints = new Pools<Int32Array>({ make: (n) => new Int32Array(n) });

  /** A Float32Array of length n, reused after reset(); zero-filled unless `zero` is false (the caller overwrites it). */
  floats(n: number, zero = true): Float32Array {
    return this.#floats.take(n, zero);
  }

  /** A zero-filled Int32Array of length n, reused after reset(). */
  ints(n: number): Int32Array {
    return this.#ints.take(n, true);
  }

  /**
   * Marks every buffer free again; tensors built before the reset must not be used after it. With
   * `settle`, the resident memory first grows by what the last steps could not get (no other step may be
   * running: withArena passes it for the outermost step only).
   */
  reset(settleMemory = false): void {
    if (settleMemory && BACKEND === 'wasm') settle();
    this.#floats.reset();
    this.#ints.reset();
  }

  /** Total bytes held, for benchmarks. */
  bytes(): number {
    return this.#floats.bytes() + this.#ints.bytes();
  }
}

let current: Arena | null = null;

/** Runs fn with `arena` supplying buffers (after resetting it); returns fn's result. */
export function withArena<T>(arena: Arena, fn: () => T): T {
  const previous = current;
  current = arena;
  arena.reset(previous === null);
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** A zeroed buffer, or with zero = false one whose contents are unspecified (every element will be written). */
export function allocFloats(n: number, zero = true): Float32Array {
  return current === null ? new Float32Array(n) : current.floats(n, zero);
}

/**
 * An input of the current step (a batch's observations or states) as a step buffer: on the WebAssembly
 * backend, inside a step, a copy in the step's arena — resident, so the kernels use it in place: one copy
 * here instead of one per kernel call that reads it; otherwise the array itself.
 */
export function stepInput(data: Float32Array): Float32Array {
  if (current === null || BACKEND !== 'wasm') return data;
  const copy = current.floats(data.length, false);
  copy.set(data);
  return copy;
}

export function allocInts(n: number): Int32Array {
  return current === null ? new Int32Array(n) : current.ints(n);
}
