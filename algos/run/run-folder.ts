// A run folder on disk: config.json, metrics.jsonl (one line per episode), curve.svg, policy.avf,
// training.avf, and done.json once the run has finished. Everything is safe to repeat: a resumed run
// first cuts metrics.jsonl back to its checkpoint's episode, so no episode is written twice or lost
// after a crash, and done.json appears only when the run reached its episode target.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from './checkpoint.ts';
import { version } from './version.ts';
import type { TrainConfig } from '../config.ts';

export const DONE_FILE = 'done.json';

export interface DoneRecord {
  episodes: number;
  envSteps: number;
  updates: number;
  wallSeconds: number;
  /** mean of the last 10 evaluations (the paper's final performance), null without evaluations */
  finalReturn: number | null;
  avf: string;
  node: string;
  finishedAt: string;
}

/** Readies `out` for a run: a fresh run starts an empty metrics.jsonl; a resumed one keeps its first `episodes` lines. */
export function prepareRunFolder(out: string, config: TrainConfig, resumedAt: number | null): void {
  mkdirSync(out, { recursive: true });
  rmSync(join(out, DONE_FILE), { force: true });
  const metrics = join(out, 'metrics.jsonl');
  if (resumedAt === null || !existsSync(metrics)) writeFileSync(metrics, '');
  else truncateMetrics(metrics, resumedAt);
  writeAtomically(join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
}

/** Keeps the lines of episodes 1 … `episodes` (a crash may have left later ones, or half a line). */
export function truncateMetrics(path: string, episodes: number): void {
  const kept: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (kept.length === episodes) break;
    try {
      if ((JSON.parse(line) as { episode?: number }).episode === kept.length + 1) kept.push(line);
      else break;
    } catch {
      break;
    }
  }
  if (kept.length < episodes) throw new Error(`${path} holds ${kept.length} episodes but the checkpoint is at episode ${episodes}`);
  writeAtomically(path, kept.map((l) => `${l}\n`).join(''));
}

/** Marks a finished run. */
export function markDone(out: string, r: Omit<DoneRecord, 'avf' | 'node' | 'finishedAt' | 'finalReturn'>, evalReturns: readonly [number, number][]): void {
  const last = evalReturns.slice(-10).map(([, v]) => v);
  const record: DoneRecord = {
    ...r, finalReturn: last.length === 0 ? null : last.reduce((a, b) => a + b, 0) / last.length,
    avf: version(), node: process.version, finishedAt: new Date().toISOString(),
  };
  writeAtomically(join(out, DONE_FILE), JSON.stringify(record, null, 2) + '\n');
}

/** A run folder against a budget of `episodes`: not finished, finished at it, or finished at fewer
 * ('shorter': it can be extended, its first episodes being those of the longer run) or more ('longer'). */
export function finishedAt(out: string, episodes: number): 'no' | 'yes' | 'shorter' | 'longer' {
  const done = readDone(out);
  return done === null ? 'no' : done.episodes === episodes ? 'yes' : done.episodes < episodes ? 'shorter' : 'longer';
}

/** The done record of a finished run folder, or null. */
export function readDone(out: string): DoneRecord | null {
  const path = join(out, DONE_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DoneRecord) : null;
}
