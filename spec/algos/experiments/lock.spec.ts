// Run-folder locks (experiments/lock.ts): what a runner finds in lock.json decides whether it takes the
// run, leaves it to another live runner, or waits for an orphaned trainer to let go.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, releaseLock, takeLock } from '../../../algos/experiments/lock.ts';

const test = suite('algos/experiments/lock');
const scratch = mkdtempSync(join(tmpdir(), 'avf-lock-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

const gone = spawnSync('true').pid!; // a process that has exited
const write = (record: object) => writeFileSync(join(scratch, LOCK_FILE), JSON.stringify(record));

test('a free folder is taken, recording the taker as its own runner; a stale lock (its process gone) is taken over', () => {
  assert.is(takeLock(scratch, process.pid), 'taken');
  assert.equal(JSON.parse(readFileSync(join(scratch, LOCK_FILE), 'utf8')), { pid: process.pid, host: hostname(), runner: process.pid });
  releaseLock(scratch);
  write({ pid: gone, host: hostname(), runner: gone });
  assert.is(takeLock(scratch, process.pid), 'taken');
  releaseLock(scratch);
});

test('held for a live runner, or by another host: left to it; a live trainer whose runner is gone (an orphan) or an old record: waited for', () => {
  const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' }); // a live process other than this one
  try {
    write({ pid: sleeper.pid, host: hostname(), runner: sleeper.pid });
    assert.is(takeLock(scratch, process.pid), 'held');
    write({ pid: gone, host: `not-${hostname()}`, runner: gone });
    assert.is(takeLock(scratch, process.pid), 'held');
    write({ pid: sleeper.pid, host: hostname(), runner: gone });
    assert.is(takeLock(scratch, process.pid), 'finishing');
    write({ pid: sleeper.pid, host: hostname() });
    assert.is(takeLock(scratch, process.pid), 'finishing');
    writeFileSync(join(scratch, LOCK_FILE), '{"pid":'); // being written
    assert.is(takeLock(scratch, process.pid), 'finishing');
    releaseLock(scratch);
  } finally {
    sleeper.kill();
  }
});

test.run();
