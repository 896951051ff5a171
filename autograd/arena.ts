// Buffer reuse for training steps. Inside `withArena(arena, fn)` every activation and gradient buffer
// comes from the arena; `arena.reset()` hands the same buffers out again, in the same order, on the next
// step. A step that repeats the same shapes therefore allocates no new typed arrays after its first run.
// Outside an arena, buffers are fresh typed arrays collected by the GC as usual.

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

/** One reusable buffer of a class's capacity and the view of the length it was last handed out at. */
interface Slot<T extends Float32Array | Int32Array> {
  full: T;
  view: T;
}

class Pool<T extends Float32Array | Int32Array> {
  readonly slots: Slot<T>[] = [];
  readonly capacity: number;
  readonly make: (n: number) => T;
  used = 0;

  constructor(capacity: number, make: (n: number) => T) {
    this.capacity = capacity;
    this.make = make;
  }

  /** A view of length n on the next free buffer (a new buffer only when all are in use), zeroed if asked. */
  take(n: number, zero: boolean): T {
    if (this.used === this.slots.length) {
      const full = this.make(this.capacity); // fresh buffers are zeros already
      const view = full.subarray(0, n) as T;
      this.slots.push({ full, view });
      this.used++;
      return view;
    }
    const slot = this.slots[this.used++];
    if (slot.view.length !== n) slot.view = slot.full.subarray(0, n) as T; // same length as last time: no new view
    return zero ? (slot.view.fill(0) as T) : slot.view;
  }
}

class Pools<T extends Float32Array | Int32Array> {
  readonly #byClass = new Map<number, Pool<T>>();
  readonly make: (n: number) => T;

  constructor(make: (n: number) => T) {
    this.make = make;
  }

  /** A length-n array, reused after reset(); zero-filled unless `zero` is false. */
  take(n: number, zero: boolean): T {
    const c = sizeClass(n);
    let pool = this.#byClass.get(c);
    if (pool === undefined) this.#byClass.set(c, (pool = new Pool(c, this.make)));
    return pool.take(n, zero);
  }

  reset(): void {
    for (const pool of this.#byClass.values()) pool.used = 0;
  }

  bytes(): number {
    let total = 0;
    for (const pool of this.#byClass.values()) for (const s of pool.slots) total += s.full.byteLength;
    return total;
  }
}

export class Arena {
  readonly #floats = new Pools((n) => new Float32Array(n));
  readonly #ints = new Pools((n) => new Int32Array(n));

  /** A Float32Array of length n, reused after reset(); zero-filled unless `zero` is false (the caller overwrites it). */
  floats(n: number, zero = true): Float32Array {
    return this.#floats.take(n, zero);
  }

  /** A zero-filled Int32Array of length n, reused after reset(). */
  ints(n: number): Int32Array {
    return this.#ints.take(n, true);
  }

  /** Marks every buffer free again; tensors built before the reset must not be used after it. */
  reset(): void {
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
  arena.reset();
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

export function allocInts(n: number): Int32Array {
  return current === null ? new Int32Array(n) : current.ints(n);
}
