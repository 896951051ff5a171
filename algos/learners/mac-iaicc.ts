// Mac-IAICC and Mac-IAISC (specs/algorithms.md §7.3): independent actors, one per agent, on their own
// macro-observation histories, each with its own centralized critic — a recurrent critic over the joint
// macro-observation history read at the joint decisions where the agent started (IAICC), or a
// feed-forward critic on the state at the agent's decision step (IAISC). On-policy: one update on each
// round of episodes; per agent the critic first (masked mean squared error to the 1- or n-step
// return from the target critic), then the actor with the detached advantage:
//   actor loss = −Σ_r γ^t_e · (log π_ε(a_r | h_r) · A_r + wH · entropy(π_ε)) / R,  π_ε = (1 − ε)·π + ε/|M_i|
import { uniformBatchSizes } from '../../lib/kernels/packing.ts';
import type { Learner } from './learner.ts';
import { applyGradients, makeOptimizer } from './optimization.ts';
import { macroReturns } from './returns.ts';
import type { TrainConfig } from '../config.ts';
import type { Episode, EpisodeLayout } from '../data/episode.ts';
import { buildJointBatch } from '../data/joint-batch.ts';
import { buildAgentRecords, type AgentRecords } from '../data/pg-batch.ts';
import type { Window } from '../data/replay-buffer.ts';
import { MacroQNet } from '../nets/macro-q-net.ts';
import { StateCritic } from '../nets/state-critic.ts';
import { Arena, allocFloats, withArena } from '../../autograd/arena.ts';
import type { Optimizer } from '../../autograd/optim.ts';
import { add, affine, mul } from '../../autograd/ops/elementwise.ts';
import { mseLoss } from '../../autograd/ops/loss.ts';
import { logEpsMixtureRows, pick, softmaxRows, sum, sumRows } from '../../autograd/ops/reduce.ts';
import { copyParams } from '../../autograd/params.ts';
import { Tensor, inputRows, noGrad } from '../../autograd/tensor.ts';
import type { Rng } from '../../lib/rng.ts';

export type CriticKind = 'history' | 'state';

/** V (R) of every record: the history critic unrolled over the joint decisions, or the state critic. */
interface Critic {
  /** V at the records' starts (with graph) */
  values(records: AgentRecords, joint: JointInputs | null): Tensor;
  /** V after the records' ends, without graph */
  bootstraps(records: AgentRecords, joint: JointInputs | null): Float32Array;
  parameters(): Tensor[];
}

export interface JointInputs { inputs: Tensor; U: number; E: number }

function historyCritic(net: MacroQNet): Critic {
  const unrolled = (joint: JointInputs) => net.unroll(joint.inputs, uniformBatchSizes(joint.U, joint.E)); // (U·E, 1)
  const zeros = (R: number) => new Int32Array(R);
  return {
    values: (rec, joint) => pick(unrolled(joint!), rec.jointStart, zeros(rec.R)),
    bootstraps: (rec, joint) => noGrad(() => pick(unrolled(joint!), rec.jointNext, zeros(rec.R))).data,
    parameters: () => net.parameters(),
  };
}

function stateCritic(net: StateCritic, S: number): Critic {
  return {
    values: (rec) => net.apply(inputRows(rec.stateStart, S)),
    bootstraps: (rec) => noGrad(() => net.apply(inputRows(rec.stateNext, S))).data,
    parameters: () => net.parameters(),
  };
}

export class MacIaiccLearner implements Learner {
  readonly config: TrainConfig;
  readonly layout: EpisodeLayout;
  readonly kind: CriticKind;
  readonly actors: MacroQNet[];
  readonly critics: Critic[];
  readonly targetCritics: Critic[];
  readonly nets: MacroQNet[];
  readonly params: Tensor[];
  readonly targetParams: Tensor[];
  readonly actorOptimizers: Optimizer[];
  readonly criticOptimizers: Optimizer[];
  readonly optimizers: Optimizer[];
  readonly arena = new Arena();
  /** Σ O_i: the history critic's input */
  readonly jointObs: number;
  updates = 0;
  /** not used by the policy-gradient losses (kept for the Learner contract) */
  hysteresis = 1;
  /** ε of the behaviour policy that collected the episodes of the coming update (set by the loop) */
  epsilon = 1;

  constructor(config: TrainConfig, layout: EpisodeLayout, rng: Rng, kind: CriticKind) {
    this.config = config;
    this.layout = layout;
    this.kind = kind;
    const { obsDims, nActions, stateDim } = layout;
    this.actors = obsDims.map((O, i) => new MacroQNet(O, nActions[i], config.hidden, config.mlpHidden, rng));
    const jointObs = (this.jointObs = obsDims.reduce((a, b) => a + b, 0));
    const makeCritic = (): Critic => (kind === 'history'
      ? historyCritic(new MacroQNet(jointObs, 1, config.criticHidden, config.mlpHidden, rng))
      : stateCritic(new StateCritic(stateDim, config.mlpHidden, config.criticHidden, rng), stateDim));
    this.critics = obsDims.map(makeCritic);
    this.targetCritics = obsDims.map(makeCritic);
    this.nets = this.actors;
    this.params = [...this.actors.flatMap((a) => a.parameters()), ...this.critics.flatMap((c) => c.parameters())];
    this.targetParams = this.targetCritics.flatMap((c) => c.parameters());
    copyParams(this.targetParams, this.critics.flatMap((c) => c.parameters()));
    this.actorOptimizers = this.actors.map((a) => makeOptimizer(config, a.parameters()));
    this.criticOptimizers = this.critics.map((c) => makeOptimizer({ ...config, lr: config.criticLr }, c.parameters()));
    this.optimizers = [...this.actorOptimizers, ...this.criticOptimizers];
  }

  /** One update on whole episodes (the round); returns the mean critic loss over agents. */
  trainOn(windows: readonly Window[]): number | null {
    return this.update(windows.map((w) => w.episode));
  }

  update(episodes: readonly Episode[]): number | null {
    const records = buildAgentRecords(episodes, this.layout, this.config.gamma, this.kind === 'state');
    if (records.every((r) => r.R === 0)) return null;
    return withArena(this.arena, () => {
      const joint = this.jointInputs(episodes);
      let total = 0, agents = 0;
      records.forEach((rec, i) => {
        if (rec.R === 0) return;
        const G = this.targetReturns(i, rec, joint);
        const criticLoss = this.criticLoss(i, rec, joint, G);
        applyGradients(criticLoss, this.critics[i].parameters(), this.criticOptimizers[i], this.config.gradClip);
        const V = noGrad(() => this.critics[i].values(rec, joint)).data;
        const weights = allocFloats(rec.R);
        for (let r = 0; r < rec.R; r++) weights[r] = (rec.discount[r] * (G[r] - V[r])) / rec.R; // detached advantage
        applyGradients(this.actorLoss(i, rec, weights), this.actors[i].parameters(), this.actorOptimizers[i], this.config.gradClip);
        total += criticLoss.item();
        agents++;
      });
      this.updates++;
      return total / agents;
    });
  }

  /** The joint decision inputs of the history critic (null for the state critic). */
  jointInputs(episodes: readonly Episode[]): JointInputs | null {
    if (this.kind !== 'history') return null;
    const batch = buildJointBatch(episodes.map((episode) => ({ episode, start: 0 })), Math.max(...episodes.map((e) => e.length)), this.layout);
    return { inputs: inputRows(batch.inputs, this.jointObs), U: batch.U, E: batch.B };
  }

  /** Masked mean of (G − V_i)² over the agent's records. */
  criticLoss(i: number, rec: AgentRecords, joint: JointInputs | null, G: Float32Array): Tensor {
    return mseLoss(this.critics[i].values(rec, joint), G);
  }

  /** Target-critic returns of agent i's records. */
  targetReturns(i: number, rec: AgentRecords, joint: JointInputs | null): Float32Array {
    return this.returns(rec, this.targetCritics[i].bootstraps(rec, joint));
  }

  /** The 1- or n-step returns of every record (R), episode by episode. */
  returns(rec: AgentRecords, bootstrap: Float32Array): Float32Array {
    const G = allocFloats(rec.R);
    for (const [first, count, lastTerminal] of rec.spans) {
      const span = (a: Float32Array) => a.subarray(first, first + count);
      G.set(macroReturns(span(rec.reward), span(rec.gammaTau), span(bootstrap), lastTerminal, this.config.nStep), first);
    }
    return G;
  }

  /** log π_ε(a_r | h_r) (R, 1), and log π_ε of every decision row (U·E, |M_i|) with the logits it came from;
   * π_ε = (1 − ε)·softmax + ε/|M_i|, its logarithm taken in log space as the reference does (finite for every ε). */
  logPolicy(i: number, rec: AgentRecords): { logPi: Tensor; logits: Tensor; logMixture: Tensor } {
    const O = this.layout.obsDims[i], E = rec.inputs.length / (rec.U * O);
    const logits = this.actors[i].unroll(inputRows(rec.inputs, O), uniformBatchSizes(rec.U, E)); // (U·E, A)
    const logMixture = logEpsMixtureRows(logits, this.epsilon); //                                       (U·E, A)
    return { logPi: pick(logMixture, rec.row, rec.action), logits, logMixture }; //                       (R, 1)
  }

  // ALGO LOGIC: −Σ_r w_r · log π_ε(a_r) + wH · Σ_r γ^t_e · Σ_a π_ε log π_ε / R,  w_r = γ^t_e · A_r / R ----------
  actorLoss(i: number, rec: AgentRecords, weights: Float32Array): Tensor {
    const { logPi, logits, logMixture } = this.logPolicy(i, rec);
    const policyLoss = affine(sum(mul(logPi, new Tensor(weights, [rec.R, 1]))), -1);
    if (this.config.entropyWeight === 0) return policyLoss;
    const A = this.layout.nActions[i], eps = this.epsilon;
    const mixture = affine(softmaxRows(logits), 1 - eps, eps / A); //                                   (U·E, A) π_ε
    const negEntropy = pick(sumRows(mul(mixture, logMixture)), rec.row, new Int32Array(rec.R)); //        (R, 1) Σ p log p
    const scale = allocFloats(rec.R);
    for (let r = 0; r < rec.R; r++) scale[r] = (this.config.entropyWeight * rec.discount[r]) / rec.R;
    return add(policyLoss, sum(mul(negEntropy, new Tensor(scale, [rec.R, 1]))));
  }

  afterEnvStep(): void {}

  /** Hard copies of the critics into their targets every targetUpdateEveryEpisodes episodes. */
  afterEpisode(episodes: number): void {
    const every = this.config.targetUpdateEveryEpisodes;
    if (every > 0 && episodes % every === 0) copyParams(this.targetParams, this.critics.flatMap((c) => c.parameters()));
  }
}
