// The joint-filtered batches of the centralized baseline (specs/algorithms.md §7.2): per window, x_0 =
// every agent's decision input at the window start, then after each kept step (some agent's macro-action
// ended) the joint inputs after it; each record carries the executed joint action.
// B = windows, U = joint decisions unrolled, R = kept records, N = agents, O = Σ O_i.
import { encodeJoint } from './joint-actions.ts';
import { copyRange } from '../../lib/kernels/copy.ts';
import type { EpisodeLayout } from './episode.ts';
import type { Window } from './replay-buffer.ts';

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
      copyRange(batch.inputs, offset, ep.decisions[i], k * Oi, Oi);
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
