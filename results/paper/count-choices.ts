// Counts, for each agent, how often it picks every (macro-)action, by watching an env's reset and step: an
// action counts only at the steps where that agent was choosing. Works under any controller, so the shares
// are those of the policy as it acts (Cen-MADDRQN's conditional argmax included). Used by greedy-actions.ts
// and ct-actions.ts.
import type { MacEnv, StepResult } from '../../envs/index.ts';

export interface ChoiceCounts {
  counts: number[][]; //                  counts[i][a]: agent i's decisions that picked action a
  choosing(): ArrayLike<number>; //       (N) the agents choosing at the coming step
}

/** Wraps env.reset and env.step in place; onStep sees every step's result after it is counted. */
export function countChoices(env: MacEnv, onStep?: (out: StepResult) => void): ChoiceCounts {
  const n = env.spec.nAgents, counts = env.spec.agents.map((a) => new Array<number>(a.nActions).fill(0));
  let choosing: ArrayLike<number> = [];
  const reset = env.reset.bind(env), step = env.step.bind(env);
  env.reset = (seed) => { const out = reset(seed); choosing = out.choosing; return out; };
  env.step = (actions) => {
    for (let i = 0; i < n; i++) if (choosing[i]) counts[i][actions[i]]++;
    const out = step(actions);
    choosing = out.choosing;
    onStep?.(out);
    return out;
  };
  return { counts, choosing: () => choosing };
}
