// The multi-agent controller used for acting: one recurrent utility net per agent, each hidden state
// advanced only at that agent's own decision points, ε-greedy over its values (subclasses choose otherwise,
// e.g. acting/policy-controller.ts); no graph is built.
import type { RecurrentQNet } from '../nets/agent-net.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

/** Acting for a whole team: writes an action for every agent that must choose now. */
export interface ActingController {
  /** a new episode: zero recurrent state */
  reset(): void;
  /**
   * writes out[i] for every agent with choosing[i] = 1 (ε-greedy with `epsilon`); other entries are left as
   * they are. `state` is the global state now: only centralized controllers that act on it read it.
   */
  act(obs: readonly Float32Array[], choosing: ArrayLike<number>, epsilon: number, rng: Rng, out: Int32Array, state?: Float32Array): void;
}

/** Decentralized acting: one recurrent utility net per agent. */
export class Controller implements ActingController {
  readonly nets: readonly RecurrentQNet[];
  private hidden: Tensor[];

  constructor(nets: readonly RecurrentQNet[]) {
    this.nets = nets;
    this.hidden = nets.map((n) => new Tensor(new Float32Array(n.hidden), [1, n.hidden]));
  }

  /** Zero hidden states (every episode start). */
  reset(): void {
    for (const h of this.hidden) h.data.fill(0);
  }

  /**
   * Writes an action for every agent whose macro-action ended (choosing[i] = 1): one GRU step on its new
   * macro-observation, then ε-greedy. Other agents keep their hidden state; their entry is left as is.
   */
  act(obs: readonly Float32Array[], choosing: ArrayLike<number>, epsilon: number, rng: Rng, out: Int32Array): void {
    noGrad(() => {
      for (let i = 0; i < this.nets.length; i++) {
        if (!choosing[i]) continue;
        const net = this.nets[i];
        const { q, h } = net.step(new Tensor(obs[i], [1, net.obsDim]), this.hidden[i]);
        this.hidden[i] = h;
        out[i] = this.choose(q.data, net.nActions, epsilon, rng);
      }
    });
  }

  /** ε-greedy over one agent's values (A): with probability ε a uniform action, else the first best. */
  protected choose(values: Float32Array, A: number, epsilon: number, rng: Rng): number {
    let greedy = 0;
    for (let a = 1; a < A; a++) if (values[a] > values[greedy]) greedy = a;
    return epsilon > 0 && rng.uniform() < epsilon ? rng.int(A) : greedy;
  }
}
