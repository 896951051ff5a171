// Mac-IAICC / Mac-IAISC records on the paper's Figure 2 example (spec/_support/fig2.ts): which decision
// each macro-action was chosen on, which critic inputs give V and the bootstrap, rewards and discounts;
// the trailing macro-action that has not ended (agent 1's m_t6) has no record.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildAgentRecords } from '../../../algos/data/pg-batch.ts';
import { buildJointBatch } from '../../../algos/data/joint-batch.ts';
import { FIG2_LAYOUT, fig2Episode } from '../../_support/fig2.ts';

const test = suite('algos/data/pg-batch');
const g = 0.9;
const near = (a: ArrayLike<number>, b: number[]) => assert.ok(b.every((v, k) => Math.abs(a[k] - v) < 1e-5), `${Array.from(a)} vs ${b}`);

test('Figure 2: critic rows, states, rewards, durations and discounts per agent', () => {
  const episode = fig2Episode(g, false);
  const [a0, a1] = buildAgentRecords([episode], FIG2_LAYOUT, g, true);
  // joint decisions: 0 = reset, then after t0, t3, t5, t6, t9
  assert.is(a0.R, 3); // m_t0 (t0..t3), m_t4 (t4..t6), m_t7 (t7..t9)
  assert.equal(Array.from(a0.jointStart), [0, 2, 4]);
  assert.equal(Array.from(a0.jointNext), [2, 4, 5]);
  assert.equal(Array.from(a0.stateStart), [10, 14, 17]);
  assert.equal(Array.from(a0.stateNext), [14, 17, 20]);
  assert.equal(Array.from(a0.row), [0, 1, 2]);
  assert.equal(Array.from(a0.action), [0, 1, 0]);
  near(a0.reward, [1 + 2 * g + 3 * g ** 2 + 4 * g ** 3, 5 + 6 * g + 7 * g ** 2, 8 + 9 * g + 10 * g ** 2]);
  near(a0.gammaTau, [g ** 4, g ** 3, g ** 3]);
  near(a0.discount, [g ** 3, g ** 6, g ** 9]);
  assert.is(a1.R, 2); // m_t0 (t0), m_t1 (t1..t5); m_t6 still runs at the end: dropped
  assert.equal(Array.from(a1.jointStart), [0, 1]);
  assert.equal(Array.from(a1.jointNext), [1, 3]);
  assert.equal(Array.from(a1.stateStart), [10, 11]);
  assert.equal(Array.from(a1.stateNext), [11, 16]);
  assert.equal(Array.from(a1.action), [1, 0]);
  near(a1.reward, [1, 2 + 3 * g + 4 * g ** 2 + 5 * g ** 3 + 6 * g ** 4]);
  near(a1.gammaTau, [g, g ** 5]);
  near(a1.discount, [1, g ** 5]);
  assert.equal(a0.spans, [[0, 3, false]]);
  assert.equal(a1.spans, [[0, 2, false]]);
});

test('the joint decision rows point at the joint observations the history critic reads', () => {
  const episode = fig2Episode(g, false);
  const joint = buildJointBatch([{ episode, start: 0 }], episode.length, FIG2_LAYOUT);
  // row k holds both agents' latest macro-observations at joint decision k (obs after step t is [t + 1])
  const rows = Array.from({ length: joint.U }, (_, k) => Array.from(joint.inputs.subarray(2 * k, 2 * k + 2)));
  assert.equal(rows, [[0, 0], [0, 1], [4, 1], [4, 6], [7, 6], [10, 6]]);
});

test('a real termination marks the last record of every agent whose macro-action ended with it', () => {
  const [a0, a1] = buildAgentRecords([fig2Episode(g, false, true)], FIG2_LAYOUT, g, false);
  assert.equal(a0.spans, [[0, 3, true]]);
  assert.equal(a1.spans, [[0, 2, false]]); // its last record ended at t5, before the end
  assert.is(a0.stateStart.length, 0); // no states without the state critic
});

test.run();
