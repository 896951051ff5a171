// Buffer reuse for training steps. Inside `withArena(arena, fn)` every activation and gradient buffer
// comes from the arena; `arena.reset()` hands the same buffers out again, in the same order, on the next
// step. A step that repeats the same shapes therefore allocates no new typed arrays after its first run.
// Outside an arena, buffers are fresh typed arrays collected by the GC as usual.

class Pool<T extends Float32Array | Int32Array> {
  readonly buffers: T[] = [];
  used = 0;
}

export class Arena {
  readonly #floats = new Map<number, Pool<Float32Array>>();
  readonly #ints = new Map<number, Pool<Int32Array>>();

  /** A Float32Array of length n, reused after reset(); zero-filled unless `zero` is false (the caller overwrites it). */
  floats(n: number, zero = true): Float32Array {
    let pool = this.#floats.get(n);
    if (pool === undefined) this.#floats.set(n, (pool = new Pool()));
    if (pool.used < pool.buffers.length) {
      const reused = pool.buffers[pool.used++];
      return zero ? reused.fill(0) : reused;
    }
    const fresh = new Float32Array(n);
    pool.buffers.push(fresh);
    pool.used++;
    return fresh;
  }

  /** A zero-filled Int32Array of length n, reused after reset(). */
  ints(n: number): Int32Array {
    let pool = this.#ints.get(n);
    if (pool === undefined) this.#ints.set(n, (pool = new Pool()));
    if (pool.used < pool.buffers.length) return pool.buffers[pool.used++].fill(0);
    const fresh = new Int32Array(n);
    pool.buffers.push(fresh);
    pool.used++;
    return fresh;
  }

  /** Marks every buffer free again; tensors built before the reset must not be used after it. */
  reset(): void {
    for (const pool of this.#floats.values()) pool.used = 0;
    for (const pool of this.#ints.values()) pool.used = 0;
  }

  /** Total bytes held, for benchmarks. */
  bytes(): number {
    let total = 0;
    for (const pool of this.#floats.values()) for (const b of pool.buffers) total += b.byteLength;
    for (const pool of this.#ints.values()) for (const b of pool.buffers) total += b.byteLength;
    return total;
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
