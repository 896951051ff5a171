// Rolling out simple policies for statistics and benchmarks: every step every agent is handed an
// action (ignored while its macro-action runs), episodes end at termination or the horizon.
import type { Rng } from '../lib/rng.ts';
import type { MacEnv } from './macdec.ts';

export interface Policy {
  /** called at every episode start */
  reset?(): void;
  /** writes one action per agent into `out`, from the latest observations */
  act(env: MacEnv, obs: readonly Float32Array[], out: Int32Array, rng: Rng): void;
}

/** Every agent draws uniformly from its own action set. */
export const uniformPolicy: Policy = {
  act(env, _obs, out, rng) {
    for (let i = 0; i < out.length; i++) out[i] = rng.int(env.spec.nActions[i]);
  },
};

/** Every agent is handed the same action index every step. */
export function constantPolicy(action: number): Policy {
  return { act: (_env, _obs, out) => out.fill(action) };
}

export interface RolloutStats {
  episodes: number;
  meanReturn: number;
  stdReturn: number;
  stderrReturn: number;
  meanLength: number;
  terminatedFraction: number;
  steps: number;
}

/** Runs `episodes` episodes of `policy`, returning undiscounted return and length statistics. */
export function rollout(env: MacEnv, policy: Policy, episodes: number, rng: Rng): RolloutStats {
  const actions = new Int32Array(env.spec.nAgents);
  let sum = 0, sumSq = 0, lengths = 0, terminated = 0;
  for (let e = 0; e < episodes; e++) {
    let obs = env.reset().obs;
    policy.reset?.();
    let total = 0;
    for (;;) {
      policy.act(env, obs, actions, rng);
      const out = env.step(actions);
      obs = out.obs;
      total += out.reward;
      lengths++;
      if (out.terminated) terminated++;
      if (out.terminated || out.truncated) break;
    }
    sum += total;
    sumSq += total * total;
  }
  const mean = sum / episodes, variance = Math.max(0, sumSq / episodes - mean * mean) * (episodes / Math.max(1, episodes - 1));
  return {
    episodes, meanReturn: mean, stdReturn: Math.sqrt(variance), stderrReturn: Math.sqrt(variance / episodes),
    meanLength: lengths / episodes, terminatedFraction: terminated / episodes, steps: lengths,
  };
}
