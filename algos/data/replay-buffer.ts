// The asynchronous centralised buffer (specs/algorithms.md §4.1–4.2): a FIFO of whole episodes;
// windows of L primitive steps start at a stored step drawn uniformly (episodes weighted by length),
// without replacement inside a batch, and never cross an episode's end.
import type { Rng } from '../../lib/rng.ts';
import type { Episode } from './episode.ts';

export interface Window {
  episode: Episode;
  start: number;
  /** steps in the window when shorter than the batch's L (a window whose front lies before the episode) */
  length?: number;
}

export class ReplayBuffer {
  readonly capacity: number;
  readonly episodes: Episode[] = [];
  private steps = 0;
  /** episodes ever added (not only those still stored) */
  added = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`ReplayBuffer: capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this.episodes.length;
  }

  /** Stored primitive steps. */
  get totalSteps(): number {
    return this.steps;
  }

  push(episode: Episode): void {
    if (episode.length === 0) return;
    this.episodes.push(episode);
    this.steps += episode.length;
    this.added++;
    if (this.episodes.length > this.capacity) this.steps -= this.episodes.shift()!.length;
  }

  /** min(B, stored) distinct whole episodes (windows starting at step 0), drawn uniformly. */
  sampleEpisodes(B: number, rng: Rng): Window[] | null {
    if (this.episodes.length === 0) return null;
    const picked = rng.shuffle(this.episodes.map((_, k) => k)).slice(0, Math.min(B, this.episodes.length));
    return picked.map((k) => ({ episode: this.episodes[k], start: 0 }));
  }

  /**
   * B distinct windows of L steps drawn uniformly; null when fewer than B can be drawn. With
   * frontPadded, every episode also offers the L − 1 windows that start before it (the MacroMARL trace
   * buffer's zero-padded fronts), which are returned as shorter windows from step 0.
   */
  sampleWindows(B: number, rng: Rng, L = 1, frontPadded = false): Window[] | null {
    const pad = frontPadded ? L - 1 : 0, slots = this.steps + pad * this.episodes.length;
    if (slots < B) return null;
    const offsets = new Int32Array(this.episodes.length + 1);
    this.episodes.forEach((e, k) => (offsets[k + 1] = offsets[k] + e.length + pad));
    const chosen = new Set<number>();
    while (chosen.size < B) chosen.add(rng.int(slots));
    return [...chosen].map((g) => {
      let lo = 0, hi = this.episodes.length - 1; // last episode whose offset ≤ g
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offsets[mid] <= g) lo = mid;
        else hi = mid - 1;
      }
      const start = g - offsets[lo] - pad;
      return start >= 0 ? { episode: this.episodes[lo], start } : { episode: this.episodes[lo], start: 0, length: L + start };
    });
  }
}
