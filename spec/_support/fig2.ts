// The paper's Figure 2 timeline (specs/algorithms.md §4.6) as a recorded episode: agent "1" is agent 0
// here, agent "n" is agent 1. Agent 1 runs m_t0 (ends t0), m_t1 (t1..t5), m_t6 (still running at t9);
// agent 0 runs m_t0 (t0..t3), m_t4 (t4..t6), m_t7 (t7..t9). Reward r_t = t + 1, state s_t = [10 + t],
// the observation returned after step t is [t + 1] (reset observation [0]).
import { EpisodeBuilder, type Episode, type EpisodeLayout } from '../../algos/data/episode.ts';

export const FIG2_LAYOUT: EpisodeLayout = { nAgents: 2, obsDims: [1, 1], nActions: [2, 2], stateDim: 1 };
/** macDone per step for agents (0, 1) */
export const FIG2_DONE = [[0, 1], [0, 0], [0, 0], [1, 0], [0, 0], [0, 1], [1, 0], [0, 0], [0, 0], [1, 0]];
/** the action each agent runs at each step (agent 0: 0,1,0 ; agent 1: 1,0,1 by macro-action) */
export const FIG2_ACTIONS = [[0, 1], [0, 0], [0, 0], [0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 1], [0, 1]];

export function fig2Episode(gamma: number, forceTerminalValid = true, terminalAtEnd = false): Episode {
  const builder = new EpisodeBuilder(FIG2_LAYOUT, 10, gamma, forceTerminalValid);
  builder.begin([Float32Array.of(0), Float32Array.of(0)], Float32Array.of(10));
  FIG2_DONE.forEach((done, t) => {
    builder.add({
      executed: FIG2_ACTIONS[t], reward: t + 1, terminated: terminalAtEnd && t === 9, macDone: done,
      obs: [Float32Array.of(t + 1), Float32Array.of(t + 1)], state: Float32Array.of(10 + t + 1),
    });
  });
  return builder.finish();
}
