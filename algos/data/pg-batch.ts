// The on-policy batches of Mac-IAICC / Mac-IAISC (specs/algorithms.md §7.3): whole episodes, per agent
// the macro-actions that ended (the per-agent filter; trailing ones that did not end before the episode
// ended have no record and drop out). Each record points at the row of the agent's own decision that
// chose it (actor), at the joint decision rows where it started and right after it ended (history
// critic) and at the states at its start and after its end (state critic).
// E = episodes, U_i = the longest decision sequence of agent i, R_i = records of agent i.
import { copyRange } from '../../lib/kernels/copy.ts';
import type { Episode, EpisodeLayout } from './episode.ts';

export interface AgentRecords {
  R: number;
  U: number;
  inputs: Float32Array; //       (U·E, O_i) decision inputs, row u·E + e = decision u of episode e
  row: Int32Array; //            (R) the decision row that chose the macro-action
  action: Int32Array; //         (R)
  reward: Float32Array; //       (R) discounted reward of the macro-action (rAcc)
  gammaTau: Float32Array; //     (R) γ^τ of the macro-action
  discount: Float32Array; //     (R) γ^t_e, t_e the step it ended (the actor loss weight)
  jointStart: Int32Array; //     (R) row of the joint decision where it started (history critic)
  jointNext: Int32Array; //      (R) row of the joint decision right after it ended
  stateStart: Float32Array; //   (R, S) state when it started (state critic)
  stateNext: Float32Array; //    (R, S) state right after it ended
  /** per episode: [first record, records, last one terminal] for the returns */
  spans: [number, number, boolean][];
}

/** Per-agent records of the E episodes; joint decision rows use the layout of buildJointBatch (row k·E + e). */
export function buildAgentRecords(episodes: readonly Episode[], layout: EpisodeLayout, gamma: number, withStates: boolean): AgentRecords[] {
  const { nAgents: N, obsDims, stateDim: S } = layout, E = episodes.length;
  // joint decision index of every step: decisions made before it (jvalid steps strictly before)
  const jointBefore = episodes.map((ep) => {
    const before = new Int32Array(ep.length + 1);
    for (let t = 0; t < ep.length; t++) before[t + 1] = before[t] + ep.jvalid[t];
    return before;
  });
  return Array.from({ length: N }, (_, i) => {
    const O = obsDims[i];
    const counts = episodes.map((ep) => ep.valid[i].reduce((a, v) => a + v, 0));
    const R = counts.reduce((a, b) => a + b, 0), U = Math.max(1, ...counts);
    const rec: AgentRecords = {
      R, U, inputs: new Float32Array(U * E * O), row: new Int32Array(R), action: new Int32Array(R), reward: new Float32Array(R),
      gammaTau: new Float32Array(R), discount: new Float32Array(R), jointStart: new Int32Array(R), jointNext: new Int32Array(R),
      stateStart: new Float32Array(withStates ? R * S : 0), stateNext: new Float32Array(withStates ? R * S : 0), spans: [],
    };
    let r = 0;
    episodes.forEach((ep, e) => {
      for (let u = 0; u < counts[e]; u++) copyRange(rec.inputs, (u * E + e) * O, ep.decisions[i], u * O, O);
      const first = r;
      let lastTerminal = false;
      for (let t = 0; t < ep.length; t++) {
        if (!ep.valid[i][t]) continue;
        const started = ep.chosenAt[i][t];
        rec.row[r] = ep.decisionAt[i][t] * E + e;
        rec.action[r] = ep.action[i][t];
        rec.reward[r] = ep.rAcc[i][t];
        rec.gammaTau[r] = gamma * ep.gAcc[i][t];
        rec.discount[r] = gamma ** t;
        rec.jointStart[r] = jointBefore[e][started] * E + e;
        rec.jointNext[r] = jointBefore[e][t + 1] * E + e;
        if (withStates) {
          copyRange(rec.stateStart, r * S, ep.states, started * S, S);
          copyRange(rec.stateNext, r * S, ep.states, (t + 1) * S, S);
        }
        lastTerminal = ep.terminal[t] === 1;
        r++;
      }
      rec.spans.push([first, r - first, lastTerminal]);
    });
    return rec;
  });
}
