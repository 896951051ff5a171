// Seeded, splittable pseudo-random numbers: xoshiro128** seeded through splitmix32.
// Same seed, same bits, on every platform: only 32-bit integer arithmetic is used.

function splitmix32(state: Uint32Array): number {
  state[0] = (state[0] + 0x9e3779b9) >>> 0;
  let z = state[0];
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export class Rng {
  readonly #s = new Uint32Array(4);
  #spare = NaN; // second normal of the last Box-Muller pair

  /** `seed` is any finite number; non-integers and negatives are hashed through their bits. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    const bits = new Float64Array([seed]);
    const words = new Uint32Array(bits.buffer);
    const mix = new Uint32Array([words[0] ^ Math.imul(words[1], 0x27d4eb2d)]);
    for (let i = 0; i < 4; i++) this.#s[i] = splitmix32(mix);
    if ((this.#s[0] | this.#s[1] | this.#s[2] | this.#s[3]) === 0) this.#s[0] = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  uint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) throw new RangeError(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  /** Standard normal (Box-Muller; the pair's second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.#spare)) {
      const v = this.#spare;
      this.#spare = NaN;
      return v;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * this.uniform();
    this.#spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Index drawn with probability proportional to `weights[i]` (non-negative, positive sum). */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) throw new RangeError(`Rng.categorical: weight ${i} is ${weights[i]}, must be >= 0`);
      total += weights[i];
    }
    if (!(total > 0)) throw new RangeError('Rng.categorical: weights must have a positive sum');
    let u = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0 && weights[i] > 0) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /** A new generator whose stream is independent of this one's continuation. */
  split(): Rng {
    const child = new Rng(0);
    const mix = new Uint32Array([this.uint32() ^ 0x5bd1e995]);
    for (let i = 0; i < 4; i++) child.#s[i] = splitmix32(mix) ^ this.uint32();
    if ((child.#s[0] | child.#s[1] | child.#s[2] | child.#s[3]) === 0) child.#s[0] = 1;
    return child;
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** The generator's position, to save in a checkpoint. */
  getState(): number[] {
    return Array.from(this.#s);
  }

  setState(state: readonly number[]): void {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
      throw new RangeError('Rng.setState: expected four 32-bit unsigned integers');
    }
    this.#s.set(state);
    this.#spare = NaN;
  }
}

export function createRng(seed: number): Rng {
  return new Rng(seed);
}
