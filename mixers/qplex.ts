// QPLEX (Wang et al. 2021), duplex dueling mixing:
//   transformation   w = |MLP(s)| + 1e-10,  v = MLP(s)                         (B, N)
//                    qT_i = w_i q_i + v_i,   A_i = w_i (q_i − qMax_i)
//   attention        λ = Σ_heads |key(s)| ⊙ σ(agents(s)) ⊙ σ(action([s, a]))   (B, N)
//   Q_tot = Σ_i qT_i + Σ_i (λ_i − 1) · stopgrad(A_i)   ( = V_tot + Σ_i λ_i A_i )
// IGM: λ > 0 and A_i ≤ 0 with equality at the per-agent greedy action, so the greedy joint action
// of Q_tot is the per-agent greedy one.
import { abs, add, affine, mul, sigmoid, sub } from '../autograd/ops/elementwise.ts';
import { headWeights } from '../autograd/ops/fused.ts';
import { concatCols } from '../autograd/ops/layout.ts';
import { sumRows } from '../autograd/ops/reduce.ts';
import { MLP } from '../autograd/nn.ts';
import { noGrad } from '../autograd/tensor.ts';
import type { Rng } from '../lib/rng.ts';
import { requireInput, type Mixer } from './mixer.ts';

export interface QplexConfig {
  nAgents: number;
  stateDim: number;
  /** Σ_i |M_i|: length of the concatenated one-hot joint action */
  actionDim: number;
  /** hidden size of the transformation networks w, v (spec §6.3: 32) */
  transformHidden: number;
  /** attention heads K (spec: 4) */
  heads: number;
  /** hidden size of the key / agents / action extractors (paper: 32) */
  headHidden: number;
}

export const QPLEX_DEFAULTS = { transformHidden: 32, heads: 4, headHidden: 32 } as const;

export function qplex(config: Pick<QplexConfig, 'nAgents' | 'stateDim' | 'actionDim'> & Partial<QplexConfig>, rng: Rng): Mixer {
  const { nAgents: N, stateDim: S, actionDim: A, transformHidden: Ht, heads: K, headHidden: Hh } = { ...QPLEX_DEFAULTS, ...config };
  const weightNet = new MLP([S, Ht, N], rng);
  const biasNet = new MLP([S, Ht, N], rng);
  const keys: MLP[] = [], agentNets: MLP[] = [], actionNets: MLP[] = [];
  for (let k = 0; k < K; k++) {
    keys.push(new MLP([S, Hh, 1], rng));
    agentNets.push(new MLP([S, Hh, N], rng));
    actionNets.push(new MLP([S + A, Hh, N], rng));
  }
  return {
    kind: 'qplex',
    mix(input) {
      const state = requireInput(input, 'state', 'qplex');
      const maxQs = requireInput(input, 'maxQs', 'qplex');
      const actions = requireInput(input, 'actions', 'qplex');
      const w = abs(weightNet.apply(state), 1e-10); //               (B, N)
      const qT = add(mul(w, input.qs), biasNet.apply(state)); //      (B, N)
      const adv = noGrad(() => mul(w, sub(input.qs, maxQs))); //     (B, N), no gradient
      const stateAction = concatCols([state, actions]); //           (B, S + ΣA)
      const key = concatCols(keys.map((net) => abs(net.apply(state), 1e-10))); //          (B, K)
      const agents = concatCols(agentNets.map((net) => sigmoid(net.apply(state)))); //      (B, K·N)
      const action = concatCols(actionNets.map((net) => sigmoid(net.apply(stateAction)))); // (B, K·N)
      const lambda = headWeights(key, agents, action, N); //          (B, N)
      return add(sumRows(qT), sumRows(mul(affine(lambda, 1, -1), adv))); // (B, 1)
    },
    parameters: () => [weightNet, biasNet, ...keys, ...agentNets, ...actionNets].flatMap((m) => m.parameters()),
  };
}
