// The AVF path with its mixer replaced by an unfactored joint head (issue 13, experiment 2): per-agent
// recurrent trunks unrolled over each agent's own decision points exactly as in AVF (learners/avf.ts),
// the same windows, joint filter, macro-states, γ^τ and targets — but Q_tot(h_1 … h_N, state, a) is one
// value per joint macro-action, read at the running joint action, and the target maximises over the
// terminated agents' actions with the others held (the conditional argmax of Cen-MADDRQN, double Q).
// Without factorization nothing stops it from ranking a coordinated action first, so it is the upper
// bound the factored learners are measured against. B = windows, U = unroll length, R = kept records,
// N = agents, H = hidden size, Sin = state input, J = ΠA joint macro-actions.
import type { Learner } from './learner.ts';
import { gradientStep, makeOptimizer, TargetSync } from './optimization.ts';
import type { TrainConfig } from '../config.ts';
import { buildBatch, mixerStateDim, type Batch } from '../data/batch.ts';
import type { EpisodeLayout } from '../data/episode.ts';
import { conditionalArgmax, encodeJoint, jointSize } from '../data/joint-actions.ts';
import type { Window } from '../data/replay-buffer.ts';
import { JointHead } from '../nets/joint-head.ts';
import { RecurrentTrunk } from '../nets/recurrent-trunk.ts';
import { Arena, allocFloats } from '../../autograd/arena.ts';
import type { Module } from '../../autograd/nn.ts';
import type { Optimizer } from '../../autograd/optim.ts';
import { concatCols, takeRows } from '../../autograd/ops/layout.ts';
import { hystereticLoss, mseLoss } from '../../autograd/ops/loss.ts';
import { gather } from '../../autograd/ops/reduce.ts';
import { Tensor, inputRows, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

/** The trunks and the joint head of one copy (online or target). */
export interface JointNets {
  trunks: RecurrentTrunk[];
  head: JointHead;
}

/** Fresh trunks (one per agent) and a joint head sized for the config's state input. */
export function makeJointNets(config: TrainConfig, layout: EpisodeLayout, rng: Rng): JointNets {
  const trunks = layout.obsDims.map((O) => new RecurrentTrunk(O, config.hidden, rng));
  const head = new JointHead(layout.nAgents * config.hidden, mixerStateDim(config.stateMode, layout), config.hidden, layout.nActions, rng);
  return { trunks, head };
}

/** The acting nets of a JointNets, in the order policies store them: the trunks, then the head. */
export const jointActingNets = (nets: JointNets): Module[] => [...nets.trunks, nets.head];

export class JointAvfLearner implements Learner {
  readonly config: TrainConfig;
  readonly layout: EpisodeLayout;
  readonly online: JointNets;
  readonly target: JointNets;
  readonly nets: Module[];
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly optimizer: Optimizer;
  readonly optimizers: Optimizer[];
  readonly targetSync: TargetSync;
  readonly arena = new Arena();
  updates = 0;
  hysteresis: number;

  constructor(config: TrainConfig, layout: EpisodeLayout, rng: Rng) {
    this.config = config;
    this.layout = layout;
    this.online = makeJointNets(config, layout, rng);
    this.target = makeJointNets(config, layout, rng);
    this.nets = jointActingNets(this.online);
    this.params = this.nets.flatMap((n) => n.parameters());
    this.targetParams = jointActingNets(this.target).flatMap((n) => n.parameters());
    this.targetSync = new TargetSync(config, this.targetParams, this.params);
    this.optimizer = makeOptimizer(config, this.params);
    this.optimizers = [this.optimizer];
    this.hysteresis = config.hysteresisStart;
  }

  afterEpisode(episodes: number): void {
    this.targetSync.afterEpisode(episodes);
  }

  afterEnvStep(envSteps: number): void {
    this.targetSync.afterEnvStep(envSteps);
  }

  trainOn(windows: readonly Window[], L: number): number | null {
    return this.update(buildBatch(windows, L, this.layout, this.config.stateMode));
  }

  /** One gradient step on the batch; returns the loss, or null when the batch kept no record. */
  update(batch: Batch): number | null {
    if (batch.R === 0) return null;
    return gradientStep(this, () => this.loss(batch), this.params, this.optimizer, this.config.gradClip);
  }

  // ALGO LOGIC: the TD loss of Eq. 14 with an unfactored Q_tot and the conditional double-Q target ----
  loss(batch: Batch): Tensor {
    const { hs, targetHs } = this.unroll(batch);
    const { R, stateDim } = batch, nActions = this.layout.nActions;
    const q = this.online.head.apply(this.rowsOf(hs, batch.current), inputRows(batch.stateIn, stateDim)); // (R, J)
    const running = new Int32Array(R), actions = new Int32Array(nActions.length);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < actions.length; i++) actions[i] = batch.action[i][r];
      running[r] = encodeJoint(actions, nActions);
    }
    const chosen = gather(q, running); // (R, 1) value of the running joint macro-action
    const y = this.targets(batch, hs, targetHs);
    return this.hysteresis === 1 ? mseLoss(chosen, y) : hystereticLoss(chosen, y, null, this.hysteresis);
  }

  /** The TD targets y (R) of a batch, without building a graph (for inspection and tests). */
  tdTargets(batch: Batch): Float32Array {
    return noGrad(() => {
      const { hs, targetHs } = this.unroll(batch);
      return this.targets(batch, hs, targetHs);
    });
  }

  /** Every agent's online (with graph) and target hidden states, (P_i, H) each. */
  private unroll(batch: Batch): { hs: Tensor[]; targetHs: Tensor[] } {
    const hs: Tensor[] = [], targetHs: Tensor[] = [];
    this.layout.obsDims.forEach((O, i) => {
      const inputs = inputRows(batch.inputs[i], O);
      hs.push(this.online.trunks[i].unroll(inputs, batch.batchSizes[i]));
      targetHs.push(noGrad(() => this.target.trunks[i].unroll(inputs, batch.batchSizes[i])));
    });
    return { hs, targetHs };
  }

  /** The agents' hidden states at the given rows, side by side: (R, N·H). */
  private rowsOf(hs: readonly Tensor[], rows: readonly Int32Array[]): Tensor {
    return concatCols(hs.map((h, i) => takeRows(h, rows[i])));
  }

  /**
   * y = rJ + γ · γ^(τ−1) · (1 − terminal) · Q'_tot(h'(next), next state input, a*), with a* the online
   * head's best joint action among those that keep every still-running agent's macro-action.
   */
  private targets(batch: Batch, hs: readonly Tensor[], targetHs: readonly Tensor[]): Float32Array {
    const { R, stateDim } = batch, nActions = this.layout.nActions, N = nActions.length, J = jointSize(nActions);
    return noGrad(() => {
      const nextState = inputRows(batch.nextStateIn, stateDim);
      const qOnline = this.online.head.apply(this.rowsOf(hs, batch.next), nextState).data; //     (R, J)
      const qTarget = this.target.head.apply(this.rowsOf(targetHs, batch.next), nextState).data; // (R, J)
      const y = allocFloats(R), fixed = new Uint8Array(N), actions = new Int32Array(N);
      for (let r = 0; r < R; r++) {
        for (let i = 0; i < N; i++) {
          fixed[i] = batch.valid[i][r] === 1 ? 0 : 1;
          actions[i] = batch.action[i][r];
        }
        const best = conditionalArgmax(qOnline, r, nActions, fixed, actions);
        y[r] = batch.rJ[r] + this.config.gamma * batch.gJ[r] * (1 - batch.terminal[r]) * qTarget[r * J + best];
      }
      return y;
    });
  }
}
