// The canonical AVF update used to compare engines: recurrent agent nets (Linear→ReLU→GRU(64)→Linear)
// unrolled over B = 64 windows of T = 25 steps, target forward, QMIX mixer (embed 32), TD loss,
// backward, gradient clipping, Adam, Polyak. Two sizes, as the PyTorch peer (../shared/peers):
// BP (n = 2 agents, obs 5, 8 actions, state 36) and CT-10 (n = 10, obs 4, 2 actions, state 22).
import { AgentNet } from '../algos/nets/agent-net.ts';
import { uniformBatchSizes } from '../lib/kernels/packing.ts';
import { Arena, withArena } from '../autograd/arena.ts';
import { Adam } from '../autograd/optim.ts';
import { concatCols, sliceRows } from '../autograd/ops/layout.ts';
import { argmaxRows, gather } from '../autograd/ops/reduce.ts';
import { mseLoss } from '../autograd/ops/loss.ts';
import { clipGradNorm, copyParams, polyakUpdate, zeroGrad } from '../autograd/params.ts';
import { Tensor, backward, noGrad } from '../autograd/tensor.ts';
import { allocFloats, stepInput } from '../autograd/arena.ts';
import { qmix } from '../mixers/qmix.ts';
import { Rng } from '../lib/rng.ts';

export interface Dims { B: number; T: number; N: number; O: number; A: number; H: number; S: number; E: number }
export const DIMS: Dims = { B: 64, T: 25, N: 2, O: 5, A: 8, H: 64, S: 36, E: 32 };
export const CT_DIMS: Dims = { ...DIMS, N: 10, O: 4, A: 2, S: 22 };

/** Multiply-adds ×2 of the matrix products in one update (backward counted as twice the forward). */
export function canonicalUpdateFlops(dims: Dims = DIMS): number {
  const { B, T, N, O, A, H, S, E } = dims;
  const agentRow = 2 * (O * H + 2 * H * 3 * H + H * A); // embed, GRU (input and hidden products), head
  const agentForward = (T + 1) * B * agentRow;
  // the GRU starts from the zero state: no W_hh·h product at t = 0 in either forward, nor its dW_hh
  const skippedAtStart = 3 * B * 2 * H * 3 * H;
  const mixerRow = 2 * (S * E + E * N * E + S * E + S * E + E * E + S * E + E + N * E + E);
  const mixerForward = T * B * mixerRow;
  return N * (3 * agentForward + agentForward - skippedAtStart) + 3 * mixerForward + mixerForward;
}

export function makeCanonicalUpdate(seed = 0, dims: Dims = DIMS): { update(): number; arena: Arena } {
  const { B, T, N, O, A, H, S, E } = dims;
  const rng = new Rng(seed);
  const nets = Array.from({ length: N }, () => new AgentNet(O, A, H, rng));
  const targets = Array.from({ length: N }, () => new AgentNet(O, A, H, rng));
  const mixer = qmix({ nAgents: N, stateDim: S, embed: E, hypernetEmbed: E }, rng);
  const targetMixer = qmix({ nAgents: N, stateDim: S, embed: E, hypernetEmbed: E }, rng);
  const params = [...nets.flatMap((n) => n.parameters()), ...mixer.parameters()];
  const targetParams = [...targets.flatMap((n) => n.parameters()), ...targetMixer.parameters()];
  copyParams(targetParams, params);
  const optimizer = new Adam(params, { lr: 1e-4 });
  const random = (n: number) => Float32Array.from({ length: n }, () => rng.uniform());
  const obs = nets.map(() => random((T + 1) * B * O)); //                        per agent ((T+1)·B, O)
  const actions = nets.map(() => Int32Array.from({ length: T * B }, () => rng.int(A)));
  const stateData = random(T * B * S), nextStateData = random(T * B * S); //       (T·B, S)
  const reward = random(T * B), mask = Float32Array.from({ length: T * B }, () => (rng.uniform() < 0.8 ? 1 : 0));
  const arena = new Arena(), gamma = 0.99;

  const steps = uniformBatchSizes(T + 1, B); // every window runs T + 1 steps (the peer's padded layout)
  function update(): number {
    return withArena(arena, () => {
      zeroGrad(params);
      const taken: Tensor[] = [], next: Tensor[] = [];
      // the batch enters the step as a learner's does: copied once into the step's buffers (resident on wasm)
      const state = new Tensor(stepInput(stateData), [T * B, S]), nextState = new Tensor(stepInput(nextStateData), [T * B, S]);
      for (let i = 0; i < N; i++) {
        const x = new Tensor(stepInput(obs[i]), [(T + 1) * B, O]);
        const q = nets[i].unroll(x, steps); //                                    ((T+1)·B, A)
        taken.push(gather(sliceRows(q, 0, T * B), actions[i])); //               (T·B, 1)
        const greedy = argmaxRows(sliceRows(q, B, (T + 1) * B)); //              double-Q: online argmax
        next.push(noGrad(() => gather(sliceRows(targets[i].unroll(x, steps), B, (T + 1) * B), greedy)));
      }
      const qTot = mixer.mix({ qs: concatCols(taken), state }); //               (T·B, 1)
      const qTotNext = noGrad(() => targetMixer.mix({ qs: concatCols(next), state: nextState }));
      const y = allocFloats(T * B);
      for (let k = 0; k < T * B; k++) y[k] = reward[k] + gamma * qTotNext.data[k];
      const loss = mseLoss(qTot, y, mask);
      backward(loss);
      clipGradNorm(params, 10);
      optimizer.step();
      polyakUpdate(targetParams, params, 0.995);
      return loss.item();
    });
  }
  return { update, arena };
}
