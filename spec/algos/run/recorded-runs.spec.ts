// Reorganising the code changes no learning result: one short fixed-seed run per algorithm reproduces,
// bit for bit, the per-episode metrics recorded with the engine before algos/ was split by concern
// (spec/_support/refactor-baseline.json, written by the pre-move code from spec/_support/refactor-runs.ts;
// one entry re-recorded for a change of summation order, named there).
// They were recorded with the JS kernels; under another backend (whose sums run in another order) this
// file runs itself again in a child process with AVF_BACKEND=js.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BACKEND } from '../../../lib/wasm/backend.ts';
import { train } from '../../../algos/run/runner.ts';
import type { EpisodeMetrics } from '../../../algos/run/metrics.ts';
import { REFACTOR_RUNS } from '../../_support/refactor-runs.ts';

const test = suite('algos/run/recorded-runs');
type Recorded = { envSteps: number; updates: number; metrics: Omit<EpisodeMetrics, 'wallSeconds'>[] };
const baseline = JSON.parse(readFileSync(new URL('../../_support/refactor-baseline.json', import.meta.url), 'utf8')) as Record<string, Recorded>;

if (BACKEND !== 'js') {
  test('every recorded run, bit for bit, on the JS kernels (child process, AVF_BACKEND=js)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, AVF_BACKEND: 'js' }, encoding: 'utf8' });
    assert.is(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`Passed:\\s+${Object.keys(REFACTOR_RUNS).length}\\b`));
  });
} else for (const [name, config] of Object.entries(REFACTOR_RUNS)) {
  test(`${name}: the recorded metrics, bit for bit`, async () => {
    const rows: Recorded['metrics'] = [];
    const r = await train(config, { onEpisode: ({ wallSeconds: _, ...m }) => rows.push(m) });
    const expected = baseline[name];
    assert.ok(expected, `no recorded run named ${name}`);
    assert.is(r.envSteps, expected.envSteps);
    assert.is(r.updates, expected.updates);
    assert.equal(rows, expected.metrics);
  });
}

test.run();
