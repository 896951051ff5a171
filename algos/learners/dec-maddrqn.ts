// Dec-MADDRQN (MacDec-Q; specs/algorithms.md §7.1): one MacroMARL Q-net per agent trained on its own
// macro-transitions (the per-agent filter: records where its macro-action ended), double-Q targets with
// the agent's own discounted reward and duration, hysteretic loss, separate Adam per agent, hard target
// copies every `targetUpdateEvery` env steps. Its batches are the AVF ones (data/batch.ts), read per agent.
import type { Learner } from './learner.ts';
import { applyGradients, makeOptimizer, TargetSync } from './optimization.ts';
import { rowMax } from './q-values.ts';
import type { TrainConfig } from '../config.ts';
import { buildBatch, type Batch } from '../data/batch.ts';
import type { EpisodeLayout } from '../data/episode.ts';
import type { Window } from '../data/replay-buffer.ts';
import { MacroQNet } from '../nets/macro-q-net.ts';
import { Arena, allocFloats, withArena } from '../../autograd/arena.ts';
import type { Optimizer } from '../../autograd/optim.ts';
import { hystereticLoss } from '../../autograd/ops/loss.ts';
import { pick } from '../../autograd/ops/reduce.ts';
import { Tensor, inputRows, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

export class DecLearner implements Learner {
  readonly config: TrainConfig;
  readonly layout: EpisodeLayout;
  readonly nets: MacroQNet[];
  readonly targets: MacroQNet[];
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly optimizers: Optimizer[];
  readonly targetSync: TargetSync;
  readonly arena = new Arena();
  /** hysteresis h of the loss, set by the loop each episode */
  hysteresis: number;
  updates = 0;

  constructor(config: TrainConfig, layout: EpisodeLayout, rng: Rng) {
    this.config = config;
    this.layout = layout;
    const make = () => layout.obsDims.map((O, i) => new MacroQNet(O, layout.nActions[i], config.hidden, config.mlpHidden, rng));
    this.nets = make();
    this.targets = make();
    this.params = this.nets.flatMap((n) => n.parameters());
    this.targetParams = this.targets.flatMap((n) => n.parameters());
    this.targetSync = new TargetSync(config, this.targetParams, this.params);
    this.optimizers = this.nets.map((n) => makeOptimizer(config, n.parameters()));
    this.hysteresis = config.hysteresisStart;
  }

  /** One gradient step per agent on its own macro-transitions; returns the mean loss, or null with none. */
  update(batch: Batch): number | null {
    if (batch.R === 0) return null;
    return withArena(this.arena, () => {
      let total = 0, agents = 0;
      for (let i = 0; i < this.nets.length; i++) {
        const { loss, count } = this.agentLoss(batch, i);
        if (count === 0) continue;
        applyGradients(loss, this.nets[i].parameters(), this.optimizers[i], this.config.gradClip);
        total += loss.item();
        agents++;
      }
      if (agents === 0) return null;
      this.targetSync.afterUpdate();
      this.updates++;
      return total / agents;
    });
  }

  trainOn(windows: readonly Window[], L: number): number | null {
    return this.update(buildBatch(windows, L, this.layout, this.config.stateMode));
  }

  afterEnvStep(envSteps: number): void {
    this.targetSync.afterEnvStep(envSteps);
  }

  afterEpisode(episodes: number): void {
    this.targetSync.afterEpisode(episodes);
  }

  // ALGO LOGIC: y_i = rAcc_i + γ · gAcc_i · (1 − terminal) · Q'_i(h', argmax_a Q_i(h', a)) ----------------
  agentLoss(batch: Batch, i: number): { loss: Tensor; count: number } {
    const { R } = batch, A = this.layout.nActions[i], O = this.layout.obsDims[i];
    const inputs = inputRows(batch.inputs[i], O);
    const qOn = this.nets[i].unroll(inputs, batch.batchSizes[i]); //                        (P_i, A)
    const qTarget = noGrad(() => this.targets[i].unroll(inputs, batch.batchSizes[i])).data;
    const q = pick(qOn, batch.current[i], batch.action[i]); // (R, 1)
    const y = allocFloats(R), mask = allocFloats(R);
    let count = 0;
    for (let r = 0; r < R; r++) {
      if (batch.valid[i][r] !== 1) continue; // the per-agent filter
      const next = batch.next[i][r], best = rowMax(qOn.data, next, A)[0]; // double Q: online argmax, target value
      y[r] = batch.rAcc[i][r] + this.config.gamma * batch.gAcc[i][r] * (1 - batch.terminal[r]) * qTarget[next * A + best];
      mask[r] = 1;
      count++;
    }
    return { loss: hystereticLoss(q, y, mask, this.hysteresis), count };
  }
}
