// VDN: Q_tot = Σ_i Q_i. No parameters, no state.
import { sumRows } from '../autograd/ops/reduce.ts';
import type { Mixer } from './mixer.ts';

export function vdn(): Mixer {
  return { kind: 'vdn', mix: ({ qs }) => sumRows(qs), parameters: () => [] };
}
