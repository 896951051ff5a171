// Windows into batches: the joint filter, the decision-index alignment and the mixer inputs of each
// state mode, on the paper's Figure 2 example (§4.6).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { buildBatch } from '../../../algos/data/batch.ts';
import { ReplayBuffer } from '../../../algos/data/replay-buffer.ts';
import { Rng } from '../../../lib/rng.ts';
import { FIG2_LAYOUT, fig2Episode } from '../../_support/fig2.ts';

const test = suite('algos/batch');
const ep = fig2Episode(0.9);
const whole = (mode: 'joint-macro' | 'real' | 'terminated-macro') => buildBatch([{ episode: ep, start: 0 }], 10, FIG2_LAYOUT, mode);
const T3 = 1; // the t3 record is the second kept record (t0, t3, t5, t6, t9)

test('the joint filter keeps the 5 joint-valid steps', () => {
  const b = whole('joint-macro');
  assert.is(b.R, 5);
  assert.equal(Array.from(b.valid[0]), [0, 1, 0, 1, 1]);
  assert.equal(Array.from(b.valid[1]), [1, 0, 1, 0, 0]);
});

test('AVF at t3: current [s_t0, s_t1], target [s_t4, s_t1]', () => {
  const b = whole('joint-macro');
  assert.equal(Array.from(b.stateIn.subarray(2 * T3, 2 * T3 + 2)), [10, 11]);
  assert.equal(Array.from(b.nextStateIn.subarray(2 * T3, 2 * T3 + 2)), [14, 11]);
});

test('real-state ablation at t3: s_t3 → s_t4; single macro-state ablation: [s_t0, 0] → [s_t4, 0]', () => {
  const real = whole('real'), single = whole('terminated-macro');
  assert.equal([real.stateIn[T3], real.nextStateIn[T3]], [13, 14]);
  assert.equal(Array.from(single.stateIn.subarray(2 * T3, 2 * T3 + 2)), [10, 0]);
  assert.equal(Array.from(single.nextStateIn.subarray(2 * T3, 2 * T3 + 2)), [14, 0]);
});

test('the target input of a record equals the current input at the next joint-valid record', () => {
  const b = whole('joint-macro');
  for (let r = 0; r + 1 < b.R; r++) {
    assert.equal(Array.from(b.nextStateIn.subarray(2 * r, 2 * r + 2)), Array.from(b.stateIn.subarray(2 * (r + 1), 2 * (r + 2))));
  }
});

test('decision indices: c_i(t) points at the decision the running action was chosen on, n_i(t) after the step', () => {
  const b = whole('joint-macro'); // B = 1, so rows are decision indices
  assert.equal(Array.from(b.current[0]), [0, 0, 1, 1, 2]);
  assert.equal(Array.from(b.next[0]), [0, 1, 1, 2, 3]);
  assert.equal(Array.from(b.current[1]), [0, 1, 1, 2, 2]);
  assert.equal(Array.from(b.next[1]), [1, 1, 2, 2, 2]);
  assert.is(b.U, 4);
  assert.equal(Array.from(b.inputs[0]), [0, 4, 7, 10]);
  assert.equal(Array.from(b.inputs[1]), [0, 1, 6]); // its own 3 decisions, no padding
  assert.equal(b.batchSizes.map((s) => Array.from(s)), [[1, 1, 1, 1], [1, 1, 1]]);
  const padded = buildBatch([{ episode: ep, start: 0 }], 10, FIG2_LAYOUT, 'joint-macro', 'padded');
  assert.equal(Array.from(padded.inputs[1]), [0, 1, 6, 0]); // the reference layout: zeros after the last decision
  assert.equal(Array.from(padded.next[1]), Array.from(b.next[1]));
});

test('packed rows: every record points at the rows holding its window\'s decisions c_i(t) and c_i(t) + valid_i(t)', () => {
  const buffer = new ReplayBuffer(8), rng = new Rng(5);
  for (let k = 0; k < 6; k++) buffer.push(fig2Episode(0.9));
  fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10 }), (count, L) => {
    const windows = buffer.sampleWindows(Math.min(count, buffer.totalSteps - 5), rng, L, true)!;
    const b = buildBatch(windows, L, FIG2_LAYOUT, 'joint-macro');
    let r = 0;
    for (const w of windows) {
      const ep = w.episode, end = Math.min(w.start + (w.length ?? L), ep.length);
      for (let t = w.start; t < end; t++) {
        if (!ep.jvalid[t]) continue;
        for (let i = 0; i < 2; i++) {
          const c = ep.decisionAt[i][t], v = ep.valid[i][t];
          assert.is(b.inputs[i][b.current[i][r]], ep.decisions[i][c], `record ${r}, agent ${i}: current`);
          assert.is(b.inputs[i][b.next[i][r]], ep.decisions[i][c + v], `record ${r}, agent ${i}: next`);
        }
        r++;
      }
    }
    assert.is(r, b.R);
    b.batchSizes.forEach((sizes, i) => assert.is(b.inputs[i].length, sizes.reduce((a, n) => a + n, 0))); // no padded row
  }), { numRuns: 60 });
});

test('a window starting mid-episode re-bases the decisions and keeps the stored macro-states', () => {
  const b = buildBatch([{ episode: ep, start: 4 }], 3, FIG2_LAYOUT, 'joint-macro'); // steps t4..t6
  assert.is(b.R, 2); // t5, t6
  assert.equal(Array.from(b.inputs[0]), [4, 7]); // unrolled to the longest decision sequence (2)
  assert.equal(Array.from(b.inputs[1]), [1, 6]);
  assert.equal(Array.from(b.stateIn), [14, 11, 14, 16]);
  assert.equal(Array.from(b.rJ).map((x) => Math.round(x * 100) / 100), [5 + 0.9 * 6, 7]);
});

test('windows never cross an episode end and are distinct within a batch', () => {
  const buffer = new ReplayBuffer(3);
  for (let k = 0; k < 4; k++) buffer.push(fig2Episode(0.9));
  assert.is(buffer.size, 3);
  assert.is(buffer.totalSteps, 30);
  const rng = new Rng(1);
  for (let trial = 0; trial < 50; trial++) {
    const windows = buffer.sampleWindows(30, rng)!;
    const keys = new Set(windows.map((w) => `${buffer.episodes.indexOf(w.episode)}:${w.start}`));
    assert.is(keys.size, 30);
    for (const w of windows) assert.ok(w.start >= 0 && w.start < w.episode.length);
  }
  assert.is(buffer.sampleWindows(31, rng), null);
});

test('front-padded sampling adds L − 1 shorter windows per episode, from step 0', () => {
  const buffer = new ReplayBuffer(10);
  buffer.push(fig2Episode(0.9));
  const rng = new Rng(2), L = 4;
  const windows = buffer.sampleWindows(13, rng, L, true)!; // 10 steps + 3 padded fronts: every slot once
  const short = windows.filter((w) => w.length !== undefined).map((w) => [w.start, w.length]).sort();
  assert.equal(short, [[0, 1], [0, 2], [0, 3]]);
  const b = buildBatch([{ episode: fig2Episode(0.9), start: 0, length: 1 }], L, FIG2_LAYOUT, 'joint-macro');
  assert.is(b.R, 1); // only step t0
});

test.run();
