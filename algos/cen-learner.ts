// Cen-MADDRQN (MacCen-Q with conditional target prediction; specs/algorithms.md §7.2): one recurrent
// Q-net over the concatenated macro-observations with one output per joint macro-action. It is unrolled
// over the joint-filtered sequence of each window; its target takes the conditional argmax (agents still
// running keep their macro-action). Acting is centralized with the same conditional argmax.
// B = windows, U = joint decisions unrolled, R = kept records, J = joint actions, O = Σ O_i.
import type { TrainConfig } from './config.ts';
import type { EpisodeLayout } from './episode.ts';
import { conditionalArgmax, decodeJoint, encodeJoint, jointSize } from './joint-actions.ts';
import { MacroQNet } from './macro-q-net.ts';
import { applyGradients, copyTargetsIfDue } from './optimization.ts';
import type { Window } from './replay-buffer.ts';
import { Arena, allocFloats, withArena } from '../autograd/arena.ts';
import { Adam } from '../autograd/optim.ts';
import { hystereticLoss } from '../autograd/ops/loss.ts';
import { pick } from '../autograd/ops/reduce.ts';
import { copyParams } from '../autograd/params.ts';
import { Tensor, noGrad } from '../autograd/tensor.ts';
import type { Rng } from '../lib/rng.ts';

export interface JointBatch {
  B: number;
  U: number;
  R: number;
  inputs: Float32Array; //    (U·B, O) joint decision inputs, row u·B + b
  current: Int32Array; //     (R) row of the joint decision the record's actions were chosen on
  next: Int32Array; //        (R) row after the record
  action: Int32Array; //      (R) executed joint action
  actions: Int32Array; //     (R, N) executed per-agent actions
  valid: Uint8Array; //       (R, N) per-agent termination
  rJ: Float32Array;
  gJ: Float32Array;
  terminal: Float32Array;
}

/** Joint-filtered sequences: x_0 = every agent's decision input at the window start, then after each kept step the inputs after it. */
export function buildJointBatch(windows: readonly Window[], L: number, layout: EpisodeLayout): JointBatch {
  const { nAgents: N, obsDims, nActions } = layout, O = obsDims.reduce((a, b) => a + b, 0), B = windows.length;
  const ends = windows.map((w) => Math.min(w.start + (w.length ?? L), w.episode.length));
  let R = 0, U = 1;
  windows.forEach((w, b) => {
    let kept = 0;
    for (let t = w.start; t < ends[b]; t++) kept += w.episode.jvalid[t];
    R += kept;
    U = Math.max(U, kept + 1);
  });
  const batch: JointBatch = {
    B, U, R, inputs: new Float32Array(U * B * O), current: new Int32Array(R), next: new Int32Array(R), action: new Int32Array(R),
    actions: new Int32Array(R * N), valid: new Uint8Array(R * N), rJ: new Float32Array(R), gJ: new Float32Array(R), terminal: new Float32Array(R),
  };
  const writeJoint = (ep: Window['episode'], u: number, b: number, decision: (i: number) => number) => {
    let offset = (u * B + b) * O;
    for (let i = 0; i < N; i++) {
      const k = decision(i), Oi = obsDims[i];
      batch.inputs.set(ep.decisions[i].subarray(k * Oi, (k + 1) * Oi), offset);
      offset += Oi;
    }
  };
  let r = 0;
  windows.forEach((w, b) => {
    const ep = w.episode;
    writeJoint(ep, 0, b, (i) => ep.decisionAt[i][w.start]);
    let k = 0;
    for (let t = w.start; t < ends[b]; t++) {
      if (!ep.jvalid[t]) continue;
      const executed = new Int32Array(N);
      for (let i = 0; i < N; i++) {
        executed[i] = ep.action[i][t];
        batch.actions[r * N + i] = executed[i];
        batch.valid[r * N + i] = ep.valid[i][t];
      }
      batch.current[r] = k * B + b;
      batch.next[r] = (k + 1) * B + b;
      batch.action[r] = encodeJoint(executed, nActions);
      batch.rJ[r] = ep.rJ[t];
      batch.gJ[r] = ep.gJ[t];
      batch.terminal[r] = ep.terminal[t];
      writeJoint(ep, k + 1, b, (i) => ep.decisionAt[i][t] + ep.valid[i][t]);
      k++;
      r++;
    }
  });
  return batch;
}

export class CenLearner {
  readonly config: TrainConfig;
  readonly layout: EpisodeLayout;
  readonly net: MacroQNet;
  readonly target: MacroQNet;
  readonly nets: MacroQNet[];
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly optimizers: Adam[];
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
    copyParams(this.targetParams, this.params);
    this.optimizers = [new Adam(this.params, { lr: config.lr })];
    this.hysteresis = config.hysteresisStart;
  }

  /** One gradient step on the joint-filtered windows. */
  trainOn(windows: readonly Window[], L: number): number | null {
    return this.update(buildJointBatch(windows, L, this.layout));
  }

  update(batch: JointBatch): number | null {
    if (batch.R === 0) return null;
    return withArena(this.arena, () => {
      const loss = this.loss(batch);
      applyGradients(loss, this.params, this.optimizers[0], this.config.gradClip);
      this.updates++;
      return loss.item();
    });
  }

  afterEnvStep(envSteps: number): void {
    copyTargetsIfDue(this.config.targetUpdateEvery, envSteps, this.targetParams, this.params);
  }

  // ALGO LOGIC: y = rJ + γ · gJ · (1 − terminal) · Q'(h', a*), a* the conditional argmax of the online net
  loss(batch: JointBatch): Tensor {
    const { B, U, R } = batch, N = this.layout.nAgents, J = jointSize(this.layout.nActions);
    const inputs = new Tensor(batch.inputs, [U * B, this.net.obsDim]);
    const qOn = this.net.unroll(inputs, U, B);
    const qTarget = noGrad(() => this.target.unroll(inputs, U, B)).data;
    const q = pick(qOn, batch.current, batch.action);
    const y = allocFloats(R);
    for (let r = 0; r < R; r++) {
      const running = batch.valid.subarray(r * N, (r + 1) * N).map((v) => 1 - v);
      const best = conditionalArgmax(qOn.data, batch.next[r], this.layout.nActions, running, batch.actions.subarray(r * N, (r + 1) * N));
      y[r] = batch.rJ[r] + this.config.gamma * batch.gJ[r] * (1 - batch.terminal[r]) * qTarget[batch.next[r] * J + best];
    }
    return hystereticLoss(q, y, null, this.hysteresis);
  }
}

/** Centralized acting: one GRU step on the joint observation whenever some agent chooses; running agents keep their action. */
export class CenController {
  readonly net: MacroQNet;
  readonly nActions: readonly number[];
  private hidden: Tensor;
  private readonly current: Int32Array;
  private readonly decoded: Int32Array;
  private readonly joint: Float32Array;

  constructor(net: MacroQNet, nActions: readonly number[]) {
    this.net = net;
    this.nActions = nActions;
    this.hidden = new Tensor(new Float32Array(net.hidden), [1, net.hidden]);
    this.current = new Int32Array(nActions.length);
    this.decoded = new Int32Array(nActions.length);
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
    const running = Array.from(choosing, (c) => (c ? 0 : 1));
    const idx = epsilon > 0 && rng.uniform() < epsilon
      ? rng.int(jointSize(this.nActions))
      : conditionalArgmax(q.data, 0, this.nActions, running, this.current);
    decodeJoint(idx, this.nActions, this.decoded);
    for (let i = 0; i < out.length; i++) if (choosing[i]) out[i] = this.current[i] = this.decoded[i];
  }
}

