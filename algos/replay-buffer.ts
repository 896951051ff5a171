// The asynchronous centralised buffer (specs/algorithms.md §4.1–4.2): a FIFO of whole episodes;
// windows of L primitive steps start at a stored step drawn uniformly (episodes weighted by length),
// without replacement inside a batch, and never cross an episode's end.
import type { Rng } from '../lib/rng.ts';
import type { Episode } from './episode.ts';

export interface Window {
  episode: Episode;
  start: number;
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

  /** B window starts drawn uniformly over stored steps, distinct within the batch; null when fewer than B steps are stored. */
  sampleWindows(B: number, rng: Rng): Window[] | null {
    if (this.steps < B) return null;
    const offsets = new Int32Array(this.episodes.length + 1);
    this.episodes.forEach((e, k) => (offsets[k + 1] = offsets[k] + e.length));
    const chosen = new Set<number>();
    while (chosen.size < B) chosen.add(rng.int(this.steps));
    return [...chosen].map((g) => {
      let lo = 0, hi = this.episodes.length - 1; // last episode whose offset ≤ g
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offsets[mid] <= g) lo = mid;
        else hi = mid - 1;
      }
      return { episode: this.episodes[lo], start: g - offsets[lo] };
    });
  }
}
