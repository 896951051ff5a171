// Runs a plan's runs as child processes (`avf train`), at most `jobs` at a time, each in DIR/runs/<id>:
// a finished run (done.json) is skipped, an unfinished one resumes from its checkpoint, one finished at
// fewer episodes than the plan's is extended (resumed from its last checkpoint; nothing in a run depends
// on its budget, so the result is the longer run's), a failed one is recorded (failed.json with its exit
// status and the end of its log) while the others go on. A run folder is locked by the process training
// it (lock.json: pid, host, runner), so a rerun after the runner itself was killed waits for orphans to
// checkpoint and leave, and a run another live runner trains is left to it (two runners on one folder:
// each ends when nothing is left for it). Children hold an IPC channel: when the runner dies they stop as
// for SIGTERM (after a checkpoint).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedRun } from './plans.ts';
import { formatTime, fit } from '../run/progress.ts';
import { finishedAt, readDone } from '../run/run-folder.ts';
import { UsageError } from '../run/flags.ts';
import { writeAtomically } from '../run/checkpoint.ts';
import { REUSED_FILE } from './reuse.ts';
import { LOCK_FILE, lockRecord, releaseLock, takeLock } from './lock.ts';

export interface PoolOptions {
  jobs: number;
  /** the command that starts `avf` (default: this process's node, flags and script) */
  entry?: string[];
  /** progress lines (default stderr) */
  log?: (line: string, redraw: boolean) => void;
}

export interface PoolResult {
  total: number;
  skipped: number;
  finished: number;
  failed: string[];
  /** runs another live runner holds (on this folder, from this host or another): left to it */
  elsewhere: string[];
}

const runDir = (dir: string, id: string) => join(dir, 'runs', id);

/** The arguments of `avf train` for a run: resume its checkpoint if it has one (an unfinished run, or a
 * finished one to extend), else start it from its config. */
function trainArgs(run: ResolvedRun, folder: string): string[] {
  if (existsSync(join(folder, 'training.avf'))) return ['train', '--resume', folder, '--episodes', String(run.config.episodes)];
  const planConfig = join(folder, 'plan-config.json');
  writeAtomically(planConfig, JSON.stringify({ ...run.config, out: folder }, null, 2) + '\n');
  return ['train', '--config', planConfig, '--overwrite'];
}

/** Episodes written so far by a run: the episode of the last line of its metrics.jsonl, read from the file's end. */
function episodesOf(folder: string): number {
  const path = join(folder, 'metrics.jsonl');
  if (!existsSync(path)) return 0;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size, tail = Buffer.alloc(Math.min(size, 1024));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const match = /"episode":(\d+)[^\n]*\n?$/.exec(tail.toString('utf8'));
    return match ? Number(match[1]) : 0;
  } finally {
    closeSync(fd);
  }
}

/** Episodes the runs still need, each counted from its metrics now: a waiting run another runner trains on
 * or finishes meanwhile counts what it has left, not what it had when this runner started. */
export function episodesLeft(runs: Iterable<ResolvedRun>, dir: string): number {
  let left = 0;
  for (const run of runs) left += Math.max(0, run.config.episodes - episodesOf(runDir(dir, run.id)));
  return left;
}

/** Seconds left for `left` episodes at the rate of the `trained` ones so far; undefined before any. Episodes
 * of different envs and phases (before and after training starts) cost differently: a rough guide. */
export function etaSeconds(elapsedSeconds: number, trained: number, left: number): number | undefined {
  return trained > 0 ? (elapsedSeconds / trained) * left : undefined;
}

/** Throws a usage error naming the run folders under dir that hold runs finished at more episodes than the
 * plan gives them (a plan cannot shorten a finished run; its budget belongs in another folder). */
export function checkBudgets(runs: readonly ResolvedRun[], dir: string): void {
  const longer = runs.filter((r) => finishedAt(runDir(dir, r.id), r.config.episodes) === 'longer');
  if (longer.length === 0) return;
  const named = longer.slice(0, 3).map((r) => `${r.id} has ${readDone(runDir(dir, r.id))!.episodes}, the plan ${r.config.episodes}`);
  throw new UsageError(`${longer.length} run folder${longer.length === 1 ? ' holds a run' : 's hold runs'} finished at more episodes than the plan's ` +
    `(${named.join('; ')}${longer.length > 3 ? '; …' : ''}): run this budget in another --out folder`);
}

export async function runPool(runs: readonly ResolvedRun[], dir: string, options: PoolOptions): Promise<PoolResult> {
  const entry = options.entry ?? [...process.execArgv, process.argv[1]];
  const interactive = process.stderr.isTTY === true;
  const log = options.log ?? ((line: string, redraw: boolean) => process.stderr.write(redraw && interactive ? `\r${fit(line, process.stderr.columns ?? 80)}\x1b[K` : `${line}\n`));
  mkdirSync(join(dir, 'runs'), { recursive: true });
  checkBudgets(runs, dir);
  const result: PoolResult = { total: runs.length, skipped: 0, finished: 0, failed: [], elsewhere: [] };
  const waiting = runs.filter((r) => {
    if (finishedAt(runDir(dir, r.id), r.config.episodes) === 'yes') {
      result.skipped++;
      return false;
    }
    return true;
  });
  const running = new Map<string, { run: ResolvedRun; child: ChildProcess }>();
  // episodes of every run to train: when this runner first saw it, and as last seen (for the ETA)
  const firstSeen = new Map(waiting.map((r) => [r.id, episodesOf(runDir(dir, r.id))]));
  const lastSeen = new Map(firstSeen);
  const started = Date.now();
  let stopping = false;
  const stop = () => { stopping = true; for (const { child } of running.values()) child.kill('SIGTERM'); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  /** Starts a run; true when it is off the waiting list (started, held by another runner, or finished meanwhile by one). */
  const launch = (run: ResolvedRun): boolean => {
    const folder = runDir(dir, run.id);
    mkdirSync(folder, { recursive: true });
    const lock = takeLock(folder, process.pid);
    if (lock === 'held') {
      result.elsewhere.push(run.id);
      return true;
    }
    if (lock === 'finishing') return false; // an orphaned trainer checkpointing: try again later
    if (finishedAt(folder, run.config.episodes) === 'yes') { // another runner on this folder finished it meanwhile
      releaseLock(folder);
      result.skipped++;
      return true;
    }
    const at = episodesOf(folder); // another runner may have trained it on since this one started
    firstSeen.set(run.id, at);
    lastSeen.set(run.id, at);
    rmSync(join(folder, 'failed.json'), { force: true });
    rmSync(join(folder, REUSED_FILE), { force: true }); // a copy that died before its done marker: trained here now
    const logPath = join(folder, 'log.txt'), args = trainArgs(run, folder);
    appendFileSync(logPath, `\n== ${new Date().toISOString()} avf ${args.join(' ')}\n`);
    const child = spawn(process.execPath, [...entry, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, FORCE_COLOR: '0' } });
    writeAtomically(join(folder, LOCK_FILE), lockRecord(child.pid!, process.pid)); // the child holds it from now on, for this runner
    child.stdout!.on('data', (d) => appendFileSync(logPath, d));
    child.stderr!.on('data', (d) => appendFileSync(logPath, d));
    running.set(run.id, { run, child });
    child.on('close', (code, signal) => {
      running.delete(run.id);
      releaseLock(folder);
      lastSeen.set(run.id, episodesOf(folder));
      if (finishedAt(folder, run.config.episodes) === 'yes') result.finished++;
      else if (!stopping) {
        result.failed.push(run.id);
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n');
        writeAtomically(join(folder, 'failed.json'), JSON.stringify({ code, signal, at: new Date().toISOString(), logTail: tail }, null, 2) + '\n');
      }
    });
    return true;
  };

  const status = () => {
    const done = result.skipped + result.finished, elapsed = (Date.now() - started) / 1000;
    const progressOf: string[] = [];
    let trained = 0, left = episodesLeft(waiting, dir);
    for (const { run } of running.values()) {
      const episodes = episodesOf(runDir(dir, run.id));
      lastSeen.set(run.id, episodes);
      progressOf.push(`${run.id} ${episodes}/${run.config.episodes}`);
      left += run.config.episodes - episodes;
    }
    for (const [id, episodes] of lastSeen) trained += episodes - firstSeen.get(id)!;
    const seconds = etaSeconds(elapsed, trained, left), eta = seconds === undefined ? '?' : formatTime(seconds);
    return `runs ${done}/${result.total} done${result.failed.length ? `, ${result.failed.length} failed` : ''}${result.elsewhere.length ? `, ${result.elsewhere.length} with another runner` : ''} | running: ${progressOf.join(', ') || '-'} | ${formatTime(elapsed)} elapsed, ETA ${eta}`;
  };

  let lastStatus = 0;
  try {
    while ((waiting.length > 0 && !stopping) || running.size > 0) {
      for (let k = 0; k < waiting.length && running.size < options.jobs && !stopping; ) {
        if (launch(waiting[k])) waiting.splice(k, 1);
        else k++; // locked by a process still finishing it: try again later
      }
      const now = Date.now();
      if (now - lastStatus >= (interactive ? 1000 : 30_000)) {
        log(status(), true);
        lastStatus = now;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
  log(status(), false);
  return result;
}
