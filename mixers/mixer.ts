// The mixer contract: Q_tot from per-agent utilities and whatever centralised information the
// learner chooses (synchronous state, joint macro-state, …). Mixers know nothing of asynchrony or targets.
import type { Tensor } from '../autograd/tensor.ts';

export type MixerKind = 'vdn' | 'qmix' | 'qplex';

export interface MixInput {
  qs: Tensor; //       (B, N)     utility Q_i of each agent's (executed or target) macro-action
  state?: Tensor; //   (B, S)     centralised input of the mixer
  maxQs?: Tensor; //   (B, N)     V_i used by QPLEX's advantage (max_a Q_i, or Q_i itself for running agents)
  actions?: Tensor; // (B, ΣA)    concatenated per-agent one-hot macro-actions (QPLEX)
}

export interface Mixer {
  readonly kind: MixerKind;
  /** Q_tot (B, 1) */
  mix(input: MixInput): Tensor;
  parameters(): Tensor[];
}

export function requireInput(input: MixInput, field: 'state' | 'maxQs' | 'actions', kind: MixerKind): Tensor {
  const t = input[field];
  if (t === undefined) throw new TypeError(`${kind} mixer needs input.${field}`);
  return t;
}
