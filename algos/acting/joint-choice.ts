// The choice step of centralized acting over joint macro-actions (Cen-MADDRQN's controller and the joint
// head's): ε-greedy over joint actions, greedy with the conditional argmax that keeps the running agents'
// macro-actions; the choosing agents take their part.
import { conditionalArgmax, decodeJoint, jointSize } from '../data/joint-actions.ts';
import type { Rng } from '../../lib/rng.ts';

export class JointChoice {
  readonly nActions: readonly number[];
  private readonly current: Int32Array; // (N) the running macro-actions
  private readonly decoded: Int32Array;

  constructor(nActions: readonly number[]) {
    this.nActions = nActions;
    this.current = new Int32Array(nActions.length);
    this.decoded = new Int32Array(nActions.length);
  }

  /** From q (ΠA) of the joint actions: writes out[i] (and remembers it) for every agent with choosing[i] = 1. */
  choose(q: Float32Array, choosing: ArrayLike<number>, epsilon: number, rng: Rng, out: Int32Array): void {
    const running = Array.from(choosing, (c) => (c ? 0 : 1));
    const idx = epsilon > 0 && rng.uniform() < epsilon
      ? rng.int(jointSize(this.nActions))
      : conditionalArgmax(q, 0, this.nActions, running, this.current);
    decodeJoint(idx, this.nActions, this.decoded);
    for (let i = 0; i < out.length; i++) if (choosing[i]) out[i] = this.current[i] = this.decoded[i];
  }
}
