// What a saved policy does when it acts greedily, on any env and algorithm: the returns of E greedy episodes,
// and each agent's share of every (macro-)action among its decisions, most chosen first. A policy that
// evaluates far below its ε-greedy training return (an agent repeating one action) shows here.
// Run: node --import tsx results/paper/greedy-actions.ts <run folder or policy.avf> [episodes, default 20]
import { loadPolicy } from '../../algos/run/run-state.ts';
import { envFor, greedyEpisode } from '../../algos/run/trainer.ts';
import { algorithm } from '../../algos/algorithms.ts';
import { policyPath } from '../../algos/run/evaluate.ts';
import { Rng } from '../../lib/rng.ts';
import { countChoices } from './count-choices.ts';

const policy = loadPolicy(policyPath(process.argv[2]));
const E = Number(process.argv[3] ?? 20);
if (!Number.isInteger(E) || E < 1) throw new RangeError(`episodes must be a positive integer, got ${process.argv[3]}`);
const env = envFor(policy.config), rng = new Rng(1);
const controller = algorithm(policy.config.algo).makeController(policy.config, policy.spec, policy.nets);
const { counts } = countChoices(env);
const returns: number[] = [];
for (let e = 0; e < E; e++) returns.push(greedyEpisode(env, controller, rng.int(0x7fffffff), rng));
const mean = returns.reduce((s, x) => s + x, 0) / E;
console.log(`${policy.config.env} ${policy.config.algo} (${policy.config.stateMode}): ${E} greedy episodes, mean return ${mean.toFixed(1)}, ` +
  `min ${Math.min(...returns)}, max ${Math.max(...returns)}`);
counts.forEach((c, i) => {
  const total = c.reduce((s, x) => s + x, 0), names = env.spec.agents[i].actionNames;
  const top = c.map((k, a) => [k, a]).filter(([k]) => k > 0).sort((x, y) => y[0] - x[0]).slice(0, 6);
  console.log(`agent ${i}: ${total} decisions; ` + top.map(([k, a]) => `${names[a]} ${(100 * k / total).toFixed(0)}%`).join(', '));
});
