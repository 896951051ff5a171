// Golden traces (../shared/golden/*.json, written by the reference implementation) and their replay.
import { existsSync, readFileSync } from 'node:fs';

export const GOLDEN_DIR = new URL('../../../shared/golden/', import.meta.url).pathname;

export interface GoldenStep {
  t: number;
  action: number[];
  executed: number[];
  reward: number;
  done: boolean;
  mac_done: number[];
  obs: number[][];
  state?: number[] | null;
  state_proposed?: number[];
  random?: unknown;
  internal?: unknown;
}

export interface GoldenEpisode {
  name: string;
  initial: { obs: number[][]; state?: number[] | null; state_proposed?: number[]; random?: unknown };
  steps: GoldenStep[];
  return: number;
  length: number;
  terminated: boolean;
  truncated: boolean;
  params_override?: Record<string, unknown>;
}

export interface GoldenFile {
  variant: string;
  params: Record<string, unknown>;
  episodes: GoldenEpisode[];
}

export function loadGolden(file: string): GoldenFile {
  const path = GOLDEN_DIR + file;
  if (!existsSync(path)) throw new Error(`golden trace ${path} is missing (../shared must sit beside the checkout)`);
  return JSON.parse(readFileSync(path, 'utf8')) as GoldenFile;
}

/** Values equal after rounding the reference's float64 to float32 (the env API's precision). */
export function sameAsFloat32(actual: ArrayLike<number>, expected: readonly number[], tolerance = 0): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - Math.fround(expected[i])) > tolerance) return false;
  }
  return true;
}

/** Describes the first mismatch, or returns null. */
export function firstMismatch(what: string, actual: ArrayLike<number>, expected: readonly number[], tolerance = 0): string | null {
  return sameAsFloat32(actual, expected, tolerance) ? null : `${what}: got [${Array.from(actual).join(', ')}], expected [${expected.join(', ')}]`;
}
