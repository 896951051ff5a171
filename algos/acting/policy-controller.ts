// Acting with stochastic policies (Mac-IAICC / Mac-IAISC actors): each agent whose macro-action ended
// takes one GRU step on its new macro-observation and samples from the ε-mixture (1 − ε)·π + ε/|M_i|
// (with probability ε a uniform action, otherwise one drawn from π). ε = 0 samples from π itself, as the
// reference's test mode does (stochastic, not greedy). No graph is built.
import { Controller } from './controller.ts';
import type { Rng } from '../../lib/rng.ts';

/** An index drawn from the softmax of logits (A), with one uniform draw. */
export function sampleSoftmax(logits: ArrayLike<number>, A: number, u: number): number {
  let max = logits[0];
  for (let a = 1; a < A; a++) if (logits[a] > max) max = logits[a];
  let total = 0;
  for (let a = 0; a < A; a++) total += Math.exp(logits[a] - max);
  let acc = 0;
  const target = u * total;
  for (let a = 0; a < A; a++) {
    acc += Math.exp(logits[a] - max);
    if (target < acc) return a;
  }
  return A - 1;
}

/** Acting with one stochastic actor per agent (same recurrence as the Q-value controller). */
export class PolicyController extends Controller {
  /** With probability ε a uniform action, otherwise one drawn from the softmax of the actor's logits. */
  protected override choose(logits: Float32Array, A: number, epsilon: number, rng: Rng): number {
    return epsilon > 0 && rng.uniform() < epsilon ? rng.int(A) : sampleSoftmax(logits, A, rng.uniform());
  }
}
