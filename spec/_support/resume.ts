// A run split by a checkpoint must continue exactly as an uninterrupted one.
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainConfig } from '../../algos/config.ts';
import { resume, train, type TrainHooks } from '../../algos/run/runner.ts';

/** Trains `episodes` straight, and half of them then resumes to `episodes`; evaluations and update counts must agree. */
export async function assertResumesExactly(config: Partial<TrainConfig>, episodes: number, hooks: TrainHooks): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'avf-resume-'));
  try {
    const straight = await train({ ...config, episodes, checkpointEvery: episodes / 2 }, hooks);
    await train({ ...config, episodes: episodes / 2, checkpointEvery: episodes / 2, out: dir }, hooks);
    const resumed = await resume(dir, hooks, episodes);
    assert.ok(straight.updates > 0, 'the run trained');
    assert.equal(resumed.evalReturns, straight.evalReturns);
    assert.is(resumed.updates, straight.updates);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
