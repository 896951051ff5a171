// Golden traces (../shared/golden/*.json, written by the reference implementation) and their replay.
import { existsSync, readFileSync } from 'node:fs';
import type { MacEnv, StepResult } from '../../envs/macdec.ts';

export const GOLDEN_DIR = new URL('../../../shared/golden/', import.meta.url).pathname;

export interface GoldenStep {
  t: number;
  action: number[];
  executed?: number[]; // absent in primitive traces, where it equals action
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

export interface ReplayOptions {
  /** which state field the trace carries: 'state', or 'state_proposed' where the reference has none */
  stateKey?: 'state' | 'state_proposed';
  /** the trace's done flag also fires at the horizon (Capture Target) */
  doneAtHorizon?: boolean;
  /** extra per-step comparison (internal positions, …); returns a mismatch description or null */
  check?: (step: GoldenStep, out: StepResult) => string | null;
  /** called before each step (to feed recorded random outcomes) */
  beforeStep?: (step: GoldenStep) => void;
}

/** Replays one golden episode through the public API; returns the first mismatch, or null. */
export function replayEpisode(env: MacEnv, episode: GoldenEpisode, options: ReplayOptions = {}): string | null {
  const { stateKey = 'state', doneAtHorizon = false, check, beforeStep } = options;
  const start = env.reset();
  for (let i = 0; i < start.obs.length; i++) {
    const m = firstMismatch(`${episode.name} initial obs ${i}`, start.obs[i], episode.initial.obs[i]);
    if (m) return m;
  }
  const m0 = firstMismatch(`${episode.name} initial state`, start.state, episode.initial[stateKey] as number[]);
  if (m0) return m0;
  for (const s of episode.steps) {
    beforeStep?.(s);
    const out = env.step(s.action);
    const where = `${episode.name} t=${s.t}`;
    const done = doneAtHorizon ? out.terminated || out.truncated : out.terminated;
    const mismatch =
      firstMismatch(`${where} executed`, out.executed, s.executed ?? s.action) ??
      firstMismatch(`${where} macDone`, out.macDone, s.mac_done) ??
      out.obs.map((o, i) => firstMismatch(`${where} obs ${i}`, o, s.obs[i])).find((x) => x !== null) ??
      firstMismatch(`${where} state`, out.state, s[stateKey] as number[]) ??
      (Math.abs(out.reward - s.reward) > 1e-9 ? `${where} reward ${out.reward} vs ${s.reward}` : null) ??
      (done !== s.done ? `${where} done ${done} vs ${s.done}` : null) ??
      (check ? check(s, out) : null);
    if (mismatch) return mismatch;
  }
  return null;
}
