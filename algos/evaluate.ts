// Greedy evaluation of a saved policy (or of policy nets in memory).
import { makeController } from './learner.ts';
import { loadPolicy, type Policy } from './run-state.ts';
import { envFor, greedyEpisode } from './runner.ts';
import { Rng } from '../lib/rng.ts';

export interface EvalOptions {
  episodes?: number;
  seed?: number;
  /** called with the env's text picture after every step of the first episode */
  render?: (picture: string) => void;
}

export interface EvalResult {
  returns: number[];
  mean: number;
  std: number;
}

export async function evaluate(checkpoint: string | Policy, options: EvalOptions = {}): Promise<EvalResult> {
  const { episodes = 100, seed = 0, render } = options;
  if (!(Number.isInteger(episodes) && episodes > 0)) throw new RangeError(`evaluate: episodes must be a positive integer, got ${episodes}`);
  const policy = typeof checkpoint === 'string' ? loadPolicy(checkpoint) : checkpoint;
  const env = envFor(policy.config), rng = new Rng(seed), controller = makeController(policy.config, policy.spec, policy.nets);
  const returns: number[] = [];
  for (let e = 0; e < episodes; e++) {
    const show = e === 0 && render ? (reward: number, total: number) => render(`${env.render()}\nreward ${reward.toFixed(1)}, return ${total.toFixed(1)}`) : undefined;
    returns.push(greedyEpisode(env, controller, rng.int(0x7fffffff), rng, show));
  }
  const mean = returns.reduce((a, b) => a + b, 0) / episodes;
  const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, episodes - 1));
  return { returns, mean, std };
}
