// Centralized acting for the joint-head learner (learners/avf-joint.ts): each agent's trunk advances
// only at its own decision points, as in AVF; whenever some agent chooses, the joint head reads every
// agent's hidden state and the joint macro-state (per agent, the state when it chose: what the batch's
// stateIn holds for a record in the joint-macro mode, the only mode this learner runs), and the choosing
// agents take their part of the best joint macro-action that keeps the running agents' actions (ε: a
// uniform joint action). N = agents, H = hidden size, S = state length.
import type { ActingController } from './controller.ts';
import { JointChoice } from './joint-choice.ts';
import type { JointNets } from '../learners/avf-joint.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

export class JointController implements ActingController {
  readonly nets: JointNets;
  readonly nActions: readonly number[];
  private hidden: Tensor[];
  private readonly hiddenRow: Float32Array; //  (1, N·H)
  private readonly stateIn: Float32Array; //    (1, N·S) the joint macro-state
  private readonly choice: JointChoice;

  constructor(nets: JointNets, nActions: readonly number[], stateDim: number) {
    this.nets = nets;
    this.nActions = nActions;
    const N = nActions.length, H = nets.trunks[0].hidden;
    this.hidden = nets.trunks.map(() => new Tensor(new Float32Array(H), [1, H]));
    this.hiddenRow = new Float32Array(N * H);
    this.stateIn = new Float32Array(N * stateDim);
    this.choice = new JointChoice(nActions);
  }

  reset(): void {
    for (const h of this.hidden) h.data.fill(0);
    this.stateIn.fill(0);
  }

  act(obs: readonly Float32Array[], choosing: ArrayLike<number>, epsilon: number, rng: Rng, out: Int32Array, state?: Float32Array): void {
    if (state === undefined) throw new Error('JointController: acting on the joint head needs the state');
    let any = false;
    for (let i = 0; i < choosing.length; i++) if (choosing[i]) any = true;
    if (!any) return;
    const { trunks, head } = this.nets, N = trunks.length, S = state.length;
    const q = noGrad(() => {
      for (let i = 0; i < N; i++) {
        const H = trunks[i].hidden;
        if (choosing[i]) this.hidden[i] = trunks[i].step(new Tensor(obs[i], [1, trunks[i].obsDim]), this.hidden[i]);
        this.hiddenRow.set(this.hidden[i].data, i * H);
        if (choosing[i]) this.stateIn.set(state, i * S); // its macro-state: the state it chooses in
      }
      return head.apply(new Tensor(this.hiddenRow, [1, this.hiddenRow.length]), new Tensor(this.stateIn, [1, this.stateIn.length]));
    });
    this.choice.choose(q.data, choosing, epsilon, rng, out);
  }
}
