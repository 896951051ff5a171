// Reorganising the code changes no learning result: one short fixed-seed run per algorithm reproduces,
// bit for bit, the per-episode metrics recorded with the engine before algos/ was split by concern
// (spec/_support/refactor-baseline.json, written by the pre-move code from spec/_support/refactor-runs.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { train } from '../../../algos/run/runner.ts';
import type { EpisodeMetrics } from '../../../algos/run/metrics.ts';
import { REFACTOR_RUNS } from '../../_support/refactor-runs.ts';

const test = suite('algos/run/recorded-runs');
type Recorded = { envSteps: number; updates: number; metrics: Omit<EpisodeMetrics, 'wallSeconds'>[] };
const baseline = JSON.parse(readFileSync(new URL('../../_support/refactor-baseline.json', import.meta.url), 'utf8')) as Record<string, Recorded>;

for (const [name, config] of Object.entries(REFACTOR_RUNS)) {
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
