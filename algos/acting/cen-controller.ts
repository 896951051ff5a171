// Centralized acting for Cen-MADDRQN (specs/algorithms.md §7.2): one GRU step on the concatenated
// observations whenever some agent chooses; ε-greedy over joint actions, greedy with the conditional
// argmax (agents still running keep their macro-action). No graph is built.
import type { ActingController } from './controller.ts';
import { JointChoice } from './joint-choice.ts';
import type { MacroQNet } from '../nets/macro-q-net.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

/** Centralized acting: one GRU step on the joint observation whenever some agent chooses; running agents keep their action. */
export class CenController implements ActingController {
  readonly net: MacroQNet;
  readonly nActions: readonly number[];
  private hidden: Tensor;
  private readonly choice: JointChoice;
  private readonly joint: Float32Array;

  constructor(net: MacroQNet, nActions: readonly number[]) {
    this.net = net;
    this.nActions = nActions;
    this.hidden = new Tensor(new Float32Array(net.hidden), [1, net.hidden]);
    this.choice = new JointChoice(nActions);
    this.joint = new Float32Array(net.obsDim);
  }

  reset(): void {
    this.hidden.data.fill(0);
  }

  act(obs: readonly Float32Array[], choosing: ArrayLike<number>, epsilon: number, rng: Rng, out: Int32Array): void {
    let any = false;
    for (let i = 0; i < choosing.length; i++) if (choosing[i]) any = true;
    if (!any) return;
    let at = 0;
    for (const o of obs) {
      this.joint.set(o, at);
      at += o.length;
    }
    const { q, h } = noGrad(() => this.net.step(new Tensor(this.joint, [1, this.net.obsDim]), this.hidden));
    this.hidden = h;
    this.choice.choose(q.data, choosing, epsilon, rng, out);
  }
}
