// Asynchronous value factorization (AVF-VDN / AVF-QMIX / AVF-QPLEX): the TD loss of Eq. 14 through any
// mixer (specs/algorithms.md §5, §6). Per-agent recurrent utilities are unrolled over each agent's own
// decision points; every kept record (some agent terminated) is one term of the loss. The synchronous
// VDN / QMIX / QPLEX baselines are this learner on the primitive env with pymarl's settings.
import type { Learner } from './learner.ts';
import { gradientStep, makeOptimizer, TargetSync } from './optimization.ts';
import { rowMax } from './q-values.ts';
import type { TrainConfig } from '../config.ts';
import { buildBatch, mixerStateDim, type Batch } from '../data/batch.ts';
import type { EpisodeLayout } from '../data/episode.ts';
import type { Window } from '../data/replay-buffer.ts';
import { AgentNet, type RecurrentQNet } from '../nets/agent-net.ts';
import { makeUtilityNets, uniqueParameters } from '../nets/shared-net.ts';
import { Arena, allocFloats } from '../../autograd/arena.ts';
import type { Optimizer } from '../../autograd/optim.ts';
import { concatCols } from '../../autograd/ops/layout.ts';
import { hystereticLoss, mseLoss } from '../../autograd/ops/loss.ts';
import { pick } from '../../autograd/ops/reduce.ts';
import { Tensor, inputRows, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';
import { makeMixer, type Mixer, type MixerKind } from '../../mixers/index.ts';

export class AvfLearner implements Learner {
  readonly config: TrainConfig;
  readonly layout: EpisodeLayout;
  readonly nets: RecurrentQNet[];
  readonly targets: RecurrentQNet[];
  readonly mixer: Mixer;
  readonly targetMixer: Mixer;
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly optimizer: Optimizer;
  readonly optimizers: Optimizer[];
  readonly targetSync: TargetSync;
  readonly arena = new Arena();
  updates = 0;
  /** h of an optional hysteretic (optimistic) TD loss on Q_tot, set by the loop each episode; 1 = plain squared error (the paper) */
  hysteresis: number;

  constructor(config: TrainConfig, layout: EpisodeLayout, rng: Rng, kind: MixerKind) {
    this.config = config;
    this.layout = layout;
    const { obsDims, nActions } = layout;
    const makeNets = () => makeUtilityNets(obsDims, nActions, config.shareParameters, (O, A) => new AgentNet(O, A, config.hidden, rng));
    const mixerConfig = {
      nAgents: layout.nAgents, stateDim: mixerStateDim(config.stateMode, layout), actionDim: nActions.reduce((a, b) => a + b, 0),
      embed: config.mixerEmbed, hypernetEmbed: config.hypernetEmbed, hypernetLayers: config.hypernetLayers,
      heads: config.qplexHeads, transformHidden: config.qplexTransformHidden, headHidden: config.qplexHeadHidden,
    };
    this.nets = makeNets();
    this.mixer = makeMixer(kind, mixerConfig, rng);
    this.targets = makeNets();
    this.targetMixer = makeMixer(kind, mixerConfig, rng);
    this.params = [...uniqueParameters(this.nets), ...this.mixer.parameters()];
    this.targetParams = [...uniqueParameters(this.targets), ...this.targetMixer.parameters()];
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

  // ALGO LOGIC: Eq. 14 with the conditional double-Q target (Mac-IGM) -------------------------------
  loss(batch: Batch): Tensor {
    const { chosen, maxQs, y } = this.forward(batch);
    const R = batch.R, N = this.layout.nAgents;
    const qTot = this.mixer.mix({
      qs: concatCols(chosen), state: inputRows(batch.stateIn, batch.stateDim),
      ...(this.mixer.kind === 'qplex' ? { maxQs: new Tensor(maxQs, [R, N]), actions: this.oneHot(batch.action, R) } : {}),
    });
    return this.hysteresis === 1 ? mseLoss(qTot, y) : hystereticLoss(qTot, y, null, this.hysteresis);
  }

  /** The TD targets y (R) of a batch, without building a graph (for inspection and tests). */
  tdTargets(batch: Batch): Float32Array {
    return noGrad(() => this.forward(batch).y);
  }

  /**
   * Online utilities of the running actions (with graph), QPLEX's V inputs, and the targets
   * y = rJ + γ · γ^(τ−1) · (1 − terminal) · Q'_tot(next joint macro-state, a*).
   */
  private forward(batch: Batch): { chosen: Tensor[]; maxQs: Float32Array; y: Float32Array } {
    const { nAgents: N, obsDims, nActions } = this.layout, { R } = batch;
    const conditional = this.config.qplexConditionalV, isQplex = this.mixer.kind === 'qplex';
    const chosen: Tensor[] = [];
    const nextQs = allocFloats(R * N), maxQs = allocFloats(R * N), nextMaxQs = allocFloats(R * N);
    const nextActions: Int32Array[] = [];
    for (let i = 0; i < N; i++) {
      const A = nActions[i], O = obsDims[i], inputs = inputRows(batch.inputs[i], O);
      const qOn = this.nets[i].unroll(inputs, batch.batchSizes[i]); //                     (P_i, A)
      const qTarget = noGrad(() => this.targets[i].unroll(inputs, batch.batchSizes[i])).data; // (P_i, A)
      const q = pick(qOn, batch.current[i], batch.action[i]); //                           (R, 1) utility of the running action
      chosen.push(q);
      const aStar = new Int32Array(R);
      for (let r = 0; r < R; r++) {
        const next = batch.next[i][r], valid = batch.valid[i][r] === 1;
        // terminated agents maximise with the online net (double Q); running agents keep their action
        aStar[r] = valid ? rowMax(qOn.data, next, A)[0] : batch.action[i][r];
        const qNext = qTarget[next * A + aStar[r]];
        nextQs[r * N + i] = qNext;
        if (isQplex) {
          const choseAtSegmentStart = batch.segChoose[i][r] === 1;
          maxQs[r * N + i] = choseAtSegmentStart || !conditional ? rowMax(qOn.data, batch.current[i][r], A)[1] : q.data[r];
          nextMaxQs[r * N + i] = valid || !conditional ? rowMax(qTarget, next, A)[1] : qNext;
        }
      }
      nextActions.push(aStar);
    }
    const qTotNext = noGrad(() => this.targetMixer.mix({
      qs: new Tensor(nextQs, [R, N]), state: inputRows(batch.nextStateIn, batch.stateDim),
      ...(isQplex ? { maxQs: new Tensor(nextMaxQs, [R, N]), actions: this.oneHot(nextActions, R) } : {}),
    }));
    const y = allocFloats(R);
    for (let r = 0; r < R; r++) y[r] = batch.rJ[r] + this.config.gamma * batch.gJ[r] * (1 - batch.terminal[r]) * qTotNext.data[r];
    return { chosen, maxQs, y };
  }

  /** Concatenated per-agent one-hots (R, ΣA) of the given actions. */
  private oneHot(actions: readonly Int32Array[], R: number): Tensor {
    const { nActions } = this.layout, width = nActions.reduce((a, b) => a + b, 0);
    const data = allocFloats(R * width);
    for (let r = 0; r < R; r++) {
      let offset = 0;
      actions.forEach((a, i) => {
        data[r * width + offset + a[r]] = 1;
        offset += nActions[i];
      });
    }
    return new Tensor(data, [R, width]);
  }
}
