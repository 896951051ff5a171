// The seeded RandomSource for Capture Target: each semantic draw of specs/envs.md §3.8 from lib's Rng.
import { Rng } from '../lib/rng.ts';
import type { RandomSource } from './macdec.ts';

export class SeededRandomSource implements RandomSource {
  rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  reseed(seed: number): void {
    this.rng = new Rng(seed);
  }

  cell(size: number): [number, number] {
    const x = this.rng.int(size);
    return [x, this.rng.int(size)];
  }

  pickCandidate(candidates: readonly number[]): number {
    return candidates[this.rng.int(candidates.length)];
  }

  slip(noise: number): number {
    const u = this.rng.uniform();
    if (u < noise / 2) return 0;
    return u < 1 - noise / 2 ? 1 : 2;
  }

  targetDirection(): number {
    return this.rng.int(5);
  }

  flicker(probability: number): boolean {
    return this.rng.uniform() < probability;
  }
}
