// Runs shared between plans (`avf experiment run --reuse DIR`): Fig. 5's runs are part of the ablations,
// Fig. 4's AVF-QMIX / QPLEX runs are too, Fig. 8 and Table 1 share AVF-QPLEX with them. A run of this
// plan that another experiment folder has finished with the same config (everything that shapes its
// result, episodes included) is copied — its record files, the done marker last — instead of trained
// again, and `reused.json` names where it came from, so each plan folder stays complete on its own and
// a report can tell the compute spent here from the compute spent there.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ResolvedRun } from './plans.ts';
import type { TrainConfig } from '../config.ts';
import { DONE_FILE, finishedAt, readDone } from '../run/run-folder.ts';
import { writeAtomically } from '../run/checkpoint.ts';
import { releaseLock, takeLock } from './lock.ts';

export const REUSED_FILE = 'reused.json';

/** Files that make up a finished run's record (config.json is rewritten, done.json comes last). */
const RECORD_FILES = ['metrics.jsonl', 'policy.avf', 'curve.svg'];

/** Fields that do not shape a run's result: where it is written and how often it checkpoints. */
const NOT_COMPARED = new Set(['out', 'checkpointEvery', 'checkpointSeconds']);

function comparable(config: TrainConfig): string {
  const kept = Object.keys(config).filter((k) => !NOT_COMPARED.has(k)).sort();
  return JSON.stringify(kept.map((k) => [k, config[k as keyof TrainConfig]]));
}

/** True when two configs give the same run (equal in every field but where it is written and its checkpoint cadence). */
export function sameRun(a: TrainConfig, b: TrainConfig): boolean {
  return comparable(a) === comparable(b);
}

export interface ReuseRecord {
  /** the source run folder, relative to the experiment folder that reused it */
  from: string;
  at: string;
}

/** The reuse record of a run folder, or null when it was trained there. */
export function readReused(folder: string): ReuseRecord | null {
  const path = join(folder, REUSED_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ReuseRecord) : null;
}

export interface ReuseResult {
  /** ids copied */
  copied: string[];
  /** finished runs under a source with a run's id but another config: the fields that differ, by id */
  differing: Map<string, string[]>;
}

/** The fields in which two configs differ (those that shape a run's result). */
function differingFields(a: TrainConfig, b: TrainConfig): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !NOT_COMPARED.has(k) && JSON.stringify(a[k as keyof TrainConfig]) !== JSON.stringify(b[k as keyof TrainConfig])).sort();
}

/**
 * Copies into `dir`/runs/<id> every run of `runs` that is not finished there but is finished, with the same
 * config, under one of `sources`/runs/<id> (the first that has it). The copy holds the run folder's lock, so
 * a runner on the same folder neither trains the run meanwhile nor copies it too; a folder another live
 * process holds is left to it. Each file is written whole and flushed before done.json, which comes last:
 * a copy cut short is not finished and is made again, or trained (the pool then drops its reused.json).
 */
export function reuseRuns(runs: readonly ResolvedRun[], dir: string, sources: readonly string[]): ReuseResult {
  const result: ReuseResult = { copied: [], differing: new Map() };
  for (const run of runs) {
    const target = join(dir, 'runs', run.id);
    if (['yes', 'longer'].includes(finishedAt(target, run.config.episodes))) continue; // a shorter run is replaced by the source's
    for (const source of sources) {
      const from = join(source, 'runs', run.id);
      if (resolve(from) === resolve(target) || readDone(from) === null || !existsSync(join(from, 'config.json'))) continue;
      const config = JSON.parse(readFileSync(join(from, 'config.json'), 'utf8')) as TrainConfig;
      if (!sameRun(config, run.config)) {
        result.differing.set(run.id, differingFields(config, run.config));
        continue;
      }
      mkdirSync(target, { recursive: true });
      if (takeLock(target, process.pid) !== 'taken') break;
      try {
        if (finishedAt(target, run.config.episodes) === 'yes') break; // finished meanwhile by another runner
        copyRun(from, target, config, relative(dir, from));
        result.copied.push(run.id);
        result.differing.delete(run.id);
      } finally {
        releaseLock(target);
      }
      break;
    }
  }
  return result;
}

/** Copies a finished run's record into target (its lock held; a shorter run there is replaced): done.json last. */
function copyRun(from: string, target: string, config: TrainConfig, fromRelative: string): void {
  rmSync(join(target, DONE_FILE), { force: true }); // the shorter run's marker goes first: a copy cut short is not finished
  rmSync(join(target, 'training.avf'), { force: true }); // an unfinished start here is superseded
  rmSync(join(target, 'failed.json'), { force: true });
  for (const file of RECORD_FILES) {
    if (existsSync(join(from, file))) writeAtomically(join(target, file), readFileSync(join(from, file)));
    else rmSync(join(target, file), { force: true });
  }
  writeAtomically(join(target, 'config.json'), JSON.stringify({ ...config, out: target }, null, 2) + '\n');
  const record: ReuseRecord = { from: fromRelative, at: new Date().toISOString() };
  writeAtomically(join(target, REUSED_FILE), JSON.stringify(record, null, 2) + '\n');
  appendFileSync(join(target, 'log.txt'), `\n== ${record.at} reused the finished run ${resolve(from)}\n`);
  writeAtomically(join(target, DONE_FILE), readFileSync(join(from, DONE_FILE)));
}
