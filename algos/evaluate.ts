// Greedy evaluation of a saved policy (or of policy nets in memory).
import { Controller } from './controller.ts';
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
  const env = envFor(policy.config), rng = new Rng(seed), controller = new Controller(policy.nets);
  const returns: number[] = [];
  for (let e = 0; e < episodes; e++) {
    if (e === 0 && render) returns.push(renderedEpisode(policy, render, rng));
    else returns.push(greedyEpisode(env, controller, rng.int(0x7fffffff), rng));
  }
  const mean = returns.reduce((a, b) => a + b, 0) / episodes;
  const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, episodes - 1));
  return { returns, mean, std };
}

function renderedEpisode(policy: Policy, render: (picture: string) => void, rng: Rng): number {
  const env = envFor(policy.config), controller = new Controller(policy.nets);
  let { obs } = env.reset(rng.int(0x7fffffff));
  controller.reset();
  render(env.render());
  const actions = new Int32Array(env.spec.nAgents);
  let choosing: ArrayLike<number> = new Uint8Array(env.spec.nAgents).fill(1), total = 0;
  for (;;) {
    controller.act(obs, choosing, 0, rng, actions);
    const out = env.step(actions);
    total += out.reward;
    render(`${env.render()}\nreward ${out.reward.toFixed(1)}, return ${total.toFixed(1)}`);
    if (out.terminated || out.truncated) return total;
    obs = out.obs;
    choosing = out.macDone;
  }
}
