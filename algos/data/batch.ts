// Turning sampled windows into the arrays the AVF learner consumes (specs/algorithms.md §4.3–4.5).
// Per agent, the decision inputs of each window are packed time-major for the GRU unroll
// (lib/kernels/packing.ts: windows sorted by that agent's decision count, each unrolled over its own
// decisions only); each kept record (filled ∧ jvalid: the joint filter) points at the row of the decision
// its running action was chosen on (c_i(t)) and of the history after the step (n_i(t) = c_i(t) + valid_i(t)).
// B = windows, L = window length, U = the longest unroll, P_i = agent i's packed rows, R = kept records, N = agents.
import { copyRange } from '../../lib/kernels/copy.ts';
import { packLengths, packedOffsets } from '../../lib/kernels/packing.ts';
import type { EpisodeLayout } from './episode.ts';
import type { Window } from './replay-buffer.ts';
import type { StateMode } from '../config.ts';

export interface Batch {
  B: number;
  /** decision steps of the longest decision sequence in the batch */
  U: number;
  /** kept records */
  R: number;
  inputs: Float32Array[]; //     per agent (P_i, O_i), packed: decision u of window b at row off_u + position_i[b]
  batchSizes: Int32Array[]; //   per agent (T_i): windows with more than u decisions, the rows of step u
  current: Int32Array[]; //      per agent (R): row of the Q-values the running action was chosen on
  next: Int32Array[]; //         per agent (R): row of the Q-values after the step
  action: Int32Array[]; //       per agent (R): executed macro-action
  valid: Uint8Array[]; //        per agent (R): its macro-action ended at this record
  segChoose: Uint8Array[]; //    per agent (R): it chose at the start of the joint segment
  rAcc: Float32Array[]; //       per agent (R): discounted reward of its own macro-action so far
  gAcc: Float32Array[]; //       per agent (R): γ^(steps − 1) of its own macro-action
  rJ: Float32Array; //           (R)
  gJ: Float32Array; //           (R)
  terminal: Float32Array; //     (R)
  stateIn: Float32Array; //      (R, Sin) mixer input for Q_tot
  nextStateIn: Float32Array; //  (R, Sin) mixer input for the target Q'_tot
  stateDim: number; //           Sin
}

/** Mixer input length for a state mode: n·S for macro-states, S for the real state. */
export function mixerStateDim(mode: StateMode, layout: EpisodeLayout): number {
  return mode === 'real' ? layout.stateDim : layout.nAgents * layout.stateDim;
}

/**
 * The learner's batch of `windows` (each at most L records long). `unroll` 'packed' (the learners') runs
 * each window over its own decisions; 'padded' is the layout before packing, kept as the reference of
 * tests and benchmarks: every window unrolled to the longest decision sequence, in batch order, zero
 * inputs after its last decision — the same records, targets and losses, more GRU rows.
 */
export function buildBatch(windows: readonly Window[], L: number, layout: EpisodeLayout, mode: StateMode, unroll: 'packed' | 'padded' = 'packed'): Batch {
  const { nAgents: N, obsDims, stateDim: S } = layout, B = windows.length, Sin = mixerStateDim(mode, layout);
  // kept records and the unroll length
  let R = 0;
  const windowEnd = (w: Window) => Math.min(w.start + (w.length ?? L), w.episode.length);
  const counts = obsDims.map(() => new Int32Array(B)); // decisions of agent i unrolled in window b
  windows.forEach((w, b) => {
    const { episode: ep, start } = w, end = windowEnd(w);
    for (let t = start; t < end; t++) R += ep.jvalid[t];
    for (let i = 0; i < N; i++) counts[i][b] = ep.decisionAt[i][end - 1] - ep.decisionAt[i][start] + ep.valid[i][end - 1] + 1;
  });
  const longest = Math.max(1, ...counts.map((c) => Math.max(...c)));
  const packs = counts.map((c) => packLengths(unroll === 'packed' ? c : new Int32Array(B).fill(longest)));
  const offsets = packs.map((p) => packedOffsets(p.batchSizes));
  const batch: Batch = {
    B, U: longest, R, stateDim: Sin,
    inputs: obsDims.map((O, i) => new Float32Array(offsets[i][offsets[i].length - 1] * O)), batchSizes: packs.map((p) => p.batchSizes),
    current: obsDims.map(() => new Int32Array(R)), next: obsDims.map(() => new Int32Array(R)),
    action: obsDims.map(() => new Int32Array(R)), valid: obsDims.map(() => new Uint8Array(R)), segChoose: obsDims.map(() => new Uint8Array(R)),
    rAcc: obsDims.map(() => new Float32Array(R)), gAcc: obsDims.map(() => new Float32Array(R)),
    rJ: new Float32Array(R), gJ: new Float32Array(R), terminal: new Float32Array(R),
    stateIn: new Float32Array(R * Sin), nextStateIn: new Float32Array(R * Sin),
  };
  const row = (i: number, u: number, b: number) => offsets[i][u] + packs[i].position[b]; // decision u of window b, agent i
  let r = 0;
  windows.forEach((w, b) => {
    const { episode: ep, start } = w, end = windowEnd(w);
    for (let i = 0; i < N; i++) {
      const O = obsDims[i], k0 = ep.decisionAt[i][start];
      for (let u = 0; u < counts[i][b]; u++) {
        copyRange(batch.inputs[i], row(i, u, b) * O, ep.decisions[i], (k0 + u) * O, O);
      }
    }
    for (let t = start; t < end; t++) {
      if (!ep.jvalid[t]) continue;
      for (let i = 0; i < N; i++) {
        const c = ep.decisionAt[i][t] - ep.decisionAt[i][start], v = ep.valid[i][t];
        batch.current[i][r] = row(i, c, b);
        batch.next[i][r] = row(i, c + v, b);
        batch.action[i][r] = ep.action[i][t];
        batch.valid[i][r] = v;
        batch.segChoose[i][r] = ep.segChoose[i][t];
        batch.rAcc[i][r] = ep.rAcc[i][t];
        batch.gAcc[i][r] = ep.gAcc[i][t];
      }
      batch.rJ[r] = ep.rJ[t];
      batch.gJ[r] = ep.gJ[t];
      batch.terminal[r] = ep.terminal[t];
      writeMixerStates(batch, r, ep, t, mode, N, S);
      r++;
    }
  });
  return batch;
}

/** The mixer inputs of record r (specs/algorithms.md §4.5). */
function writeMixerStates(batch: Batch, r: number, ep: Window['episode'], t: number, mode: StateMode, N: number, S: number): void {
  const Sin = batch.stateDim, states = ep.states;
  const copy = (dst: Float32Array, at: number, step: number) => copyRange(dst, at, states, step * S, S);
  if (mode === 'real') {
    copy(batch.stateIn, r * Sin, t);
    copy(batch.nextStateIn, r * Sin, t + 1);
    return;
  }
  for (let i = 0; i < N; i++) {
    const at = r * Sin + i * S, v = ep.valid[i][t], chosen = ep.chosenAt[i][t];
    if (mode === 'terminated-macro' && !v) continue; // zeros for agents still running
    copy(batch.stateIn, at, chosen);
    copy(batch.nextStateIn, at, v ? t + 1 : chosen);
  }
}
