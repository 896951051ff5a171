// QMIX (Rashid et al. 2018): a monotonic mixing network whose weights come from hypernetworks of the state.
//   W1 = |hyperW1(s)| (N, E)   b1 = hyperB1(s) (E)   hidden = ELU(q · W1 + b1)
//   Wf = |hyperWf(s)| (E)      V = value(s)          Q_tot = hidden · Wf + V
// The absolute values make ∂Q_tot/∂Q_i ≥ 0 for every state.
import { abs, add, elu } from '../autograd/ops/elementwise.ts';
import { hyperMix, rowDot } from '../autograd/ops/fused.ts';
import { Linear, MLP, hypernetHead } from '../autograd/nn.ts';
import type { Rng } from '../lib/rng.ts';
import { requireInput, type Mixer } from './mixer.ts';

export interface QmixConfig {
  nAgents: number;
  stateDim: number;
  /** mixing embed E (paper: 32) */
  embed: number;
  /** hidden size of the 2-layer hypernetworks (paper: 32) */
  hypernetEmbed: number;
  /** layers per weight hypernetwork: 1 or 2 (paper: 2) */
  hypernetLayers: number;
}

export const QMIX_DEFAULTS = { embed: 32, hypernetEmbed: 32, hypernetLayers: 2 } as const;

export function qmix(config: Pick<QmixConfig, 'nAgents' | 'stateDim'> & Partial<QmixConfig>, rng: Rng): Mixer {
  const { nAgents: N, stateDim: S, embed: E, hypernetEmbed: He, hypernetLayers } = { ...QMIX_DEFAULTS, ...config };
  const hyperW1 = hypernetHead(S, He, N * E, hypernetLayers, rng);
  const hyperB1 = new Linear(S, E, rng);
  const hyperWf = hypernetHead(S, He, E, hypernetLayers, rng);
  const value = new MLP([S, E, 1], rng);
  return {
    kind: 'qmix',
    mix(input) {
      const state = requireInput(input, 'state', 'qmix');
      const w1 = abs(hyperW1.apply(state)); //                           (B, N·E)
      const hidden = elu(add(hyperMix(input.qs, w1, E), hyperB1.apply(state))); // (B, E)
      const wf = abs(hyperWf.apply(state)); //                           (B, E)
      return add(rowDot(hidden, wf), value.apply(state)); //            (B, 1)
    },
    parameters: () => [hyperW1, hyperB1, hyperWf, value].flatMap((m) => m.parameters()),
  };
}
