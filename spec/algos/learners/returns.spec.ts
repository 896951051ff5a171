// Macro-action returns (learners/returns.ts) worked by hand: one-step, n-step, truncation near the end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { macroReturns } from '../../../algos/learners/returns.ts';

const test = suite('algos/learners/returns');
const close = (a: ArrayLike<number>, b: number[]) => b.forEach((v, k) => assert.ok(Math.abs(a[k] - v) < 1e-9, `G[${k}] = ${a[k]}, expected ${v}`));

// three macro-actions: rewards 1, 2, 3; γ^τ 0.5, 0.25, 0.125; bootstraps 10, 20, 30
const r = [1, 2, 3], g = [0.5, 0.25, 0.125], b = [10, 20, 30];

test('one-step: r + γ^τ·b, and no bootstrap after a real termination', () => {
  close(macroReturns(r, g, b, false, 1), [1 + 0.5 * 10, 2 + 0.25 * 20, 3 + 0.125 * 30]);
  close(macroReturns(r, g, b, true, 1), [1 + 0.5 * 10, 2 + 0.25 * 20, 3]);
});

test('two-step: two rewards then the bootstrap after the second; the last ones truncated at the end', () => {
  // G0 = 1 + 0.5·2 + 0.5·0.25·b1;  G1 (within n of the end) = 2 + 0.25·G2;  G2 = 3 + 0.125·30 (not terminal)
  const G2 = 3 + 0.125 * 30;
  close(macroReturns(r, g, b, false, 2), [1 + 0.5 * 2 + 0.5 * 0.25 * 20, 2 + 0.25 * G2, G2]);
  close(macroReturns(r, g, b, true, 2), [1 + 0.5 * 2 + 0.5 * 0.25 * 20, 2 + 0.25 * 3, 3]);
});

test('n at least the number of macro-actions: the discounted sum to the end (Monte Carlo with the final bootstrap)', () => {
  close(macroReturns(r, g, b, true, 5), [1 + 0.5 * (2 + 0.25 * 3), 2 + 0.25 * 3, 3]);
  close(macroReturns(r, g, b, false, 3), [1 + 0.5 * (2 + 0.25 * (3 + 0.125 * 30)), 2 + 0.25 * (3 + 0.125 * 30), 3 + 0.125 * 30]);
});

test('n-step equals the one-step recursion with bootstraps replaced by returns, whenever the bootstraps are the true values', () => {
  // if every b_k equals the next return G_{k+1}, every n gives the same returns
  fc.assert(fc.property(fc.array(fc.record({ r: fc.double({ min: -5, max: 5, noNaN: true }), g: fc.double({ min: 0.1, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 8 }),
    fc.integer({ min: 1, max: 6 }), fc.boolean(), (steps, n, terminal) => {
      const rs = steps.map((s) => s.r), gs = steps.map((s) => s.g), K = rs.length;
      const mc = macroReturns(rs, gs, new Array(K).fill(0), true, K + 1); // with terminal: pure discounted sums
      const tail = terminal ? 0 : 7;
      const truth = mc.map((v, k) => v + (terminal ? 0 : tail * gs.slice(k).reduce((a, x) => a * x, 1)));
      const bs = truth.map((_, k) => (k + 1 < K ? truth[k + 1] : tail));
      const G = macroReturns(rs, gs, bs, terminal, n);
      truth.forEach((v, k) => assert.ok(Math.abs(G[k] - v) < 1e-9 * (1 + Math.abs(v)), `n=${n} k=${k}`));
    }));
});

test.run();
