// Episode recording on the paper's Figure 2 timeline: joint and per-agent rewards and discounts,
// decision sequences, macro-state steps, segment choices.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fig2Episode } from '../../_support/fig2.ts';
import { assertClose } from '../../_support/tensors.ts';

const test = suite('algos/episode');
const g = 0.9;

test('joint-valid steps are t0, t3, t5, t6, t9 with τ = 1, 3, 2, 1, 3', () => {
  const ep = fig2Episode(g);
  assert.equal(Array.from(ep.jvalid), [1, 0, 0, 1, 0, 1, 1, 0, 0, 1]);
  // gJ = γ^(τ−1) at each joint-valid step
  assertClose([0, 3, 5, 6, 9].map((t) => ep.gJ[t]), [1, g ** 2, g, 1, g ** 2], 1e-6);
});

test('joint rewards restart after every joint-valid step (§2.2): Σ_{k=d..e} γ^(k−d) r_k', () => {
  const ep = fig2Episode(g), r = (t: number) => t + 1;
  assertClose([ep.rJ[0], ep.rJ[3], ep.rJ[5], ep.rJ[6], ep.rJ[9]], [
    r(0), r(1) + g * r(2) + g * g * r(3), r(4) + g * r(5), r(6), r(7) + g * r(8) + g * g * r(9),
  ], 1e-6);
});

test('per-agent rewards restart at the agent’s own decisions', () => {
  const ep = fig2Episode(g), r = (t: number) => t + 1;
  // agent 0's first macro-action runs t0..t3; agent 1's second runs t1..t5
  assertClose([ep.rAcc[0][3], ep.gAcc[0][3]], [r(0) + g * r(1) + g * g * r(2) + g ** 3 * r(3), g ** 3], 1e-5);
  assertClose([ep.rAcc[1][5], ep.gAcc[1][5]], [r(1) + g * r(2) + g * g * r(3) + g ** 3 * r(4) + g ** 4 * r(5), g ** 4], 1e-5);
});

test('decisions: the reset observation, then the observation after each own termination', () => {
  const ep = fig2Episode(g);
  assert.equal(Array.from(ep.decisions[0]), [0, 4, 7, 10]); // o_t0, o_t4, o_t7, o_t10
  assert.equal(Array.from(ep.decisions[1]), [0, 1, 6]); //     o_t0, o_t1, o_t6
  assert.equal(Array.from(ep.decisionAt[0]), [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
  assert.equal(Array.from(ep.decisionAt[1]), [0, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
});

test('macro-states are taken when the agent chose; segment choices mark who chose at the segment start', () => {
  const ep = fig2Episode(g);
  assert.equal(Array.from(ep.chosenAt[0]), [0, 0, 0, 0, 4, 4, 4, 7, 7, 7]);
  assert.equal(Array.from(ep.chosenAt[1]), [0, 1, 1, 1, 1, 1, 6, 6, 6, 6]);
  // segment t1..t3 started with agent 1 choosing; t4..t5 with agent 0; t6 with agent 1; t7..t9 with agent 0
  assert.equal([1, 2, 3, 4, 5, 6, 7].map((t) => [ep.segChoose[0][t], ep.segChoose[1][t]]),
    [[0, 1], [0, 1], [0, 1], [1, 0], [1, 0], [0, 1], [1, 0]]);
});

test('a real terminal step counts every agent as terminated (D13); without the option it does not', () => {
  const forced = fig2Episode(g, true, true), plain = fig2Episode(g, false, true);
  assert.equal([forced.valid[0][9], forced.valid[1][9]], [1, 1]);
  assert.equal([plain.valid[0][9], plain.valid[1][9]], [1, 0]);
  assert.is(forced.terminal[9], 1);
});

test.run();
