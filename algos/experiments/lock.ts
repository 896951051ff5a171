// A run folder's lock (lock.json: pid, host and the runner it works for): held by the process that trains
// or copies the run, so several runners on one experiment folder never work on the same run. A lock whose
// process on this host is gone is stale and taken over. A run held for another live runner (or by another
// host) is that runner's: the caller leaves it. One whose trainer lives on after its runner (an orphan,
// checkpointing before it exits) is waited for.
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'lock.json';

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What takeLock found: the lock is now the caller's; another live runner (or another host) holds it, so the
 * run is left to it; or a process about to let go holds it (a trainer whose runner is gone, or a lock
 * being written), so the run is tried again shortly. */
export type LockOutcome = 'taken' | 'held' | 'finishing';

/** The lock record of process pid working for runner `runner` (the runner itself when it holds the lock). */
export function lockRecord(pid: number, runner = pid): string {
  return JSON.stringify({ pid, host: hostname(), runner });
}

/** Takes the run folder's lock for pid (a runner: the lock then names it as its own runner). */
export function takeLock(folder: string, pid: number): LockOutcome {
  const path = join(folder, LOCK_FILE);
  if (existsSync(path)) {
    try {
      const held = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; host: string; runner?: number };
      if (held.host !== hostname()) return 'held';
      if (alive(held.pid)) return held.runner !== undefined && alive(held.runner) ? 'held' : 'finishing';
    } catch {
      // unreadable: being written by its taker (fresh), or torn by a crash (stale)
      try {
        if (Date.now() - statSync(path).mtimeMs < 10_000) return 'finishing';
      } catch {
        // gone meanwhile
      }
    }
    rmSync(path, { force: true });
  }
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch {
    return 'finishing'; // another runner took it a moment ago: its record tells on the next try
  }
  try {
    writeSync(fd, lockRecord(pid));
  } finally {
    closeSync(fd);
  }
  return 'taken';
}

/** Gives the lock back. */
export function releaseLock(folder: string): void {
  rmSync(join(folder, LOCK_FILE), { force: true });
}
