// Greedy evaluation of a saved policy (a policy.avf file, a run folder holding one, or nets in memory).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy, type Policy } from './run-state.ts';
import { envFor, greedyEpisode } from './trainer.ts';
import { algorithm } from '../algorithms.ts';
import { Rng } from '../../lib/rng.ts';

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
  const policy = typeof checkpoint === 'string' ? loadPolicy(policyPath(checkpoint)) : checkpoint;
  const env = envFor(policy.config), rng = new Rng(seed), controller = algorithm(policy.config.algo).makeController(policy.config, policy.spec, policy.nets);
  const returns: number[] = [];
  for (let e = 0; e < episodes; e++) {
    const show = e === 0 && render ? (reward: number, total: number) => render(`${env.render()}\nreward ${reward.toFixed(1)}, return ${total.toFixed(1)}`) : undefined;
    returns.push(greedyEpisode(env, controller, rng.int(0x7fffffff), rng, show));
  }
  env.close();
  const mean = returns.reduce((a, b) => a + b, 0) / episodes;
  const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, episodes - 1));
  return { returns, mean, std };
}

/** A policy file, or the policy.avf of a run folder. */
export function policyPath(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  const inside = join(path, 'policy.avf');
  if (!existsSync(inside)) throw new Error(`${path} is a folder without a policy.avf (is it a run folder? training writes policy.avf at its first checkpoint)`);
  return inside;
}
