// The one-step cooperative matrix game of the QTRAN/QPLEX papers: two agents, three actions each, a
// non-monotonic payoff whose optimum (8) sits next to heavy penalties. Value factorization is trained on
// uniform data (every joint action in every batch) toward the payoff, then the greedy joint action is
// read off the per-agent argmax. VDN provably cannot pick the optimum here (its additive fit ranks
// action 0 below 1 and 2); QPLEX can represent the full matrix.
import { MLP } from '../../autograd/nn.ts';
import { Adam, RMSprop } from '../../autograd/optim.ts';
import { concatCols } from '../../autograd/ops/layout.ts';
import { gather, maxRows } from '../../autograd/ops/reduce.ts';
import { mseLoss } from '../../autograd/ops/loss.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import { Rng } from '../../lib/rng.ts';
import { makeMixer, type MixerKind } from '../../mixers/index.ts';
import { applyGradients } from '../../algos/learners/optimization.ts';

export const PAYOFF: readonly (readonly number[])[] = [
  [8, -12, -12],
  [-12, 0, 0],
  [-12, 0, 0],
];

export interface MatrixGameOptions {
  mixer: MixerKind;
  seed: number;
  steps: number;
  lr: number;
  /** adam, or pymarl's rmsprop (α 0.99, ε 1e-5) */
  optimizer: 'adam' | 'rmsprop';
  /** global gradient-norm clip; 0 = none (pymarl: 10) */
  gradClip: number;
}

export interface MatrixGameResult {
  /** Q_tot of every joint action after training, row = agent 0's action */
  qTot: number[][];
  /** per-agent greedy actions */
  greedy: [number, number];
  /** payoff of the greedy joint action */
  greedyPayoff: number;
  /** final mean squared error over the 9 joint actions */
  loss: number;
}

const A = 3, N = 2, STATE_DIM = 2;

/** Trains utilities + mixer on the full 3×3 table for `steps` Adam steps and reports the learned Q_tot. */
export function trainMatrixGame(options: MatrixGameOptions): MatrixGameResult {
  const rng = new Rng(options.seed);
  const agents = Array.from({ length: N }, () => new MLP([1, 32, A], rng)); // constant input: a learned row of Q_i
  const mixer = makeMixer(options.mixer, { nAgents: N, stateDim: STATE_DIM, actionDim: N * A }, rng);
  const params = [...agents.flatMap((a) => a.parameters()), ...mixer.parameters()];
  const optimizer = options.optimizer === 'rmsprop'
    ? new RMSprop(params, { lr: options.lr, alpha: 0.99, eps: 1e-5 })
    : new Adam(params, { lr: options.lr });
  const B = A * A;
  const ones = new Tensor(new Float32Array(B).fill(1), [B, 1]);
  const state = new Tensor(new Float32Array(B * STATE_DIM).fill(1), [B, STATE_DIM]); // the game has one state
  const actionIndex = [new Int32Array(B), new Int32Array(B)];
  const oneHot = new Float32Array(B * N * A), target = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    const a0 = Math.floor(b / A), a1 = b % A;
    actionIndex[0][b] = a0;
    actionIndex[1][b] = a1;
    oneHot[b * N * A + a0] = 1;
    oneHot[b * N * A + A + a1] = 1;
    target[b] = PAYOFF[a0][a1];
  }
  const actions = new Tensor(oneHot, [B, N * A]);
  const forward = () => {
    const qs = agents.map((net) => net.apply(ones)); //                        (B, A) each, identical rows
    const taken = concatCols(qs.map((q, i) => gather(q, actionIndex[i]))); //   (B, N)
    const maxQs = noGrad(() => concatCols(qs.map((q) => maxRows(q)))); //      (B, N)
    return { qs, qTot: mixer.mix({ qs: taken, state, maxQs, actions }) }; //    (B, 1)
  };
  let loss = 0;
  for (let step = 0; step < options.steps; step++) {
    const l = mseLoss(forward().qTot, target);
    loss = l.item();
    applyGradients(l, params, optimizer, options.gradClip);
  }
  const { qs, qTot } = noGrad(forward);
  const greedy = qs.map((q) => {
    let best = 0;
    for (let a = 1; a < A; a++) if (q.data[a] > q.data[best]) best = a;
    return best;
  }) as [number, number];
  const table = Array.from({ length: A }, (_, a0) => Array.from({ length: A }, (_, a1) => qTot.data[a0 * A + a1]));
  return { qTot: table, greedy, greedyPayoff: PAYOFF[greedy[0]][greedy[1]], loss };
}

/** Smallest mean squared error any additive fit Q_tot(a, b) = f(a) + g(b) (VDN's class) reaches on a payoff table. */
export function additiveFitMse(payoff: readonly (readonly number[])[]): number {
  const R = payoff.length, C = payoff[0].length;
  const rowMean = payoff.map((row) => row.reduce((s, v) => s + v, 0) / C);
  const colMean = Array.from({ length: C }, (_, c) => payoff.reduce((s, row) => s + row[c], 0) / R);
  const grand = rowMean.reduce((s, v) => s + v, 0) / R;
  let sse = 0;
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) sse += (payoff[r][c] - rowMean[r] - colMean[c] + grand) ** 2;
  return sse / (R * C);
}
