// Acting with stochastic policies (Mac-IAICC / Mac-IAISC actors): each agent whose macro-action ended
// takes one GRU step on its new macro-observation and samples from the ε-mixture (1 − ε)·π + ε/|M_i|
// (with probability ε a uniform action, otherwise one drawn from π). ε = 0 samples from π itself, as the
// reference's test mode does (stochastic, not greedy). No graph is built.
import type { ActingController } from './controller.ts';
import type { RecurrentQNet } from '../nets/agent-net.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
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

export class PolicyController implements ActingController {
  readonly nets: readonly RecurrentQNet[];
  private hidden: Tensor[];

  constructor(nets: readonly RecurrentQNet[]) {
    this.nets = nets;
    this.hidden = nets.map((n) => new Tensor(new Float32Array(n.hidden), [1, n.hidden]));
  }

  reset(): void {
    for (const h of this.hidden) h.data.fill(0);
  }

  act(obs: readonly Float32Array[], choosing: ArrayLike<number>, epsilon: number, rng: Rng, out: Int32Array): void {
    noGrad(() => {
      for (let i = 0; i < this.nets.length; i++) {
        if (!choosing[i]) continue;
        const net = this.nets[i];
        const { q: logits, h } = net.step(new Tensor(obs[i], [1, net.obsDim]), this.hidden[i]);
        this.hidden[i] = h;
        out[i] = epsilon > 0 && rng.uniform() < epsilon ? rng.int(net.nActions) : sampleSoftmax(logits.data, net.nActions, rng.uniform());
      }
    });
  }
}
