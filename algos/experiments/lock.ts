// A run folder's lock (lock.json: pid and host): held by the process that trains or copies the run, so
// several runners on one experiment folder never work on the same run. A lock whose process on this host
// is gone is stale and taken over; a lock of another host is respected.
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

/** Takes the run folder's lock for pid; false while another live process on this host, or any other host, holds it. */
export function takeLock(folder: string, pid: number): boolean {
  const path = join(folder, LOCK_FILE);
  if (existsSync(path)) {
    try {
      const held = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; host: string };
      if (held.host !== hostname() || alive(held.pid)) return false;
    } catch {
      // unreadable: being written by its taker (fresh), or torn by a crash (stale)
      try {
        if (Date.now() - statSync(path).mtimeMs < 10_000) return false;
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
    return false;
  }
  try {
    writeSync(fd, JSON.stringify({ pid, host: hostname() }));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Gives the lock back. */
export function releaseLock(folder: string): void {
  rmSync(join(folder, LOCK_FILE), { force: true });
}
