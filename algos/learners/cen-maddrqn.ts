// Cen-MADDRQN (MacCen-Q with conditional target prediction; specs/algorithms.md §7.2): one recurrent
// Q-net over the concatenated macro-observations with one output per joint macro-action. It is unrolled
// over the joint-filtered sequence of each window (data/joint-batch.ts); its target takes the conditional
// argmax (agents still running keep their macro-action). Acting is centralized with the same conditional
// argmax (acting/cen-controller.ts). B = windows, U = joint decisions unrolled, R = kept records, J = joint actions.
import { uniformBatchSizes } from '../../lib/kernels/packing.ts';
import type { Learner } from './learner.ts';
import { gradientStep, makeOptimizer, TargetSync } from './optimization.ts';
import type { TrainConfig } from '../config.ts';
import type { EpisodeLayout } from '../data/episode.ts';
import { conditionalArgmax, jointSize } from '../data/joint-actions.ts';
import { buildJointBatch, type JointBatch } from '../data/joint-batch.ts';
import type { Window } from '../data/replay-buffer.ts';
import { MacroQNet } from '../nets/macro-q-net.ts';
import { Arena, allocFloats } from '../../autograd/arena.ts';
import type { Optimizer } from '../../autograd/optim.ts';
import { hystereticLoss } from '../../autograd/ops/loss.ts';
import { pick } from '../../autograd/ops/reduce.ts';
import { Tensor, inputRows, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

export class CenLearner implements Learner {
  readonly config: TrainConfig;
  readonly layout: EpisodeLayout;
  readonly net: MacroQNet;
  readonly target: MacroQNet;
  readonly nets: MacroQNet[];
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly optimizers: Optimizer[];
  readonly targetSync: TargetSync;
  readonly arena = new Arena();
  hysteresis: number;
  updates = 0;

  constructor(config: TrainConfig, layout: EpisodeLayout, rng: Rng) {
    this.config = config;
    this.layout = layout;
    const O = layout.obsDims.reduce((a, b) => a + b, 0), J = jointSize(layout.nActions);
    this.net = new MacroQNet(O, J, config.hidden, config.mlpHidden, rng);
    this.target = new MacroQNet(O, J, config.hidden, config.mlpHidden, rng);
    this.nets = [this.net];
    this.params = this.net.parameters();
    this.targetParams = this.target.parameters();
    this.targetSync = new TargetSync(config, this.targetParams, this.params);
    this.optimizers = [makeOptimizer(config, this.params)];
    this.hysteresis = config.hysteresisStart;
  }

  /** One gradient step on the joint-filtered windows. */
  trainOn(windows: readonly Window[], L: number): number | null {
    return this.update(buildJointBatch(windows, L, this.layout));
  }

  update(batch: JointBatch): number | null {
    if (batch.R === 0) return null;
    return gradientStep(this, () => this.loss(batch), this.params, this.optimizers[0], this.config.gradClip);
  }

  afterEnvStep(envSteps: number): void {
    this.targetSync.afterEnvStep(envSteps);
  }

  afterEpisode(episodes: number): void {
    this.targetSync.afterEpisode(episodes);
  }

  // ALGO LOGIC: y = rJ + γ · gJ · (1 − terminal) · Q'(h', a*), a* the conditional argmax of the online net
  loss(batch: JointBatch): Tensor {
    const { B, U, R } = batch, N = this.layout.nAgents, J = jointSize(this.layout.nActions);
    const inputs = inputRows(batch.inputs, this.net.obsDim);
    const steps = uniformBatchSizes(U, B); //                                              every window's U joint decisions
    const qOn = this.net.unroll(inputs, steps); //                                        (U·B, J)
    const qTarget = noGrad(() => this.target.unroll(inputs, steps)).data;
    const q = pick(qOn, batch.current, batch.action);
    const y = allocFloats(R), running = new Uint8Array(N);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < N; i++) running[i] = 1 - batch.valid[r * N + i];
      const best = conditionalArgmax(qOn.data, batch.next[r], this.layout.nActions, running, batch.actions.subarray(r * N, (r + 1) * N));
      y[r] = batch.rJ[r] + this.config.gamma * batch.gJ[r] * (1 - batch.terminal[r]) * qTarget[batch.next[r] * J + best];
    }
    return hystereticLoss(q, y, null, this.hysteresis);
  }
}
