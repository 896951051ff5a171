// How much one decision matters in CT-10: agent 0's discounted return after choosing Move_To_Target against
// after choosing Stay, averaged over every decision of random play (each agent picks Stay with probability
// p at each of its decisions), and the capture rate of that play. The gap is what a learner's utilities
// must resolve for one agent's greedy choice to be right.
// Run: node --import tsx results/paper/ct-gap.ts [gamma 0.99] [p 0.5] [episodes 20000]
import { makeEnv } from '../../envs/index.ts';
import { Rng } from '../../lib/rng.ts';

const [gamma, pStay, episodes] = [Number(process.argv[2] ?? 0.99), Number(process.argv[3] ?? 0.5), Number(process.argv[4] ?? 20000)];
const env = makeEnv('ct-10'), rng = new Rng(7), n = env.spec.nAgents;
const sum = [0, 0], count = [0, 0], actions = new Int32Array(n);
let captures = 0;
for (let e = 0; e < episodes; e++) {
  const start = env.reset(rng.int(0x7fffffff));
  let choosing: ArrayLike<number> = start.choosing, captureAt = -1;
  const decisions: [number, number][] = []; // agent 0's [step, action]
  for (let t = 0; ; t++) {
    for (let i = 0; i < n; i++) {
      if (!choosing[i]) continue;
      actions[i] = rng.uniform() < pStay ? 1 : 0;
      if (i === 0) decisions.push([t, actions[i]]);
    }
    const out = env.step(actions);
    if (out.reward > 0) captureAt = t;
    if (out.terminated || out.truncated) break;
    choosing = out.choosing;
  }
  if (captureAt >= 0) captures++;
  for (const [t, a] of decisions) {
    sum[a] += captureAt >= 0 ? gamma ** (captureAt - t) : 0;
    count[a]++;
  }
}
const [move, stay] = [sum[0] / count[0], sum[1] / count[1]];
console.log(`γ ${gamma}, P(Stay) ${pStay}, ${episodes} episodes: capture rate ${(captures / episodes).toFixed(3)}; ` +
  `agent 0 after Move ${move.toFixed(4)}, after Stay ${stay.toFixed(4)}, gap ${(move - stay).toFixed(4)} (${count[0]} and ${count[1]} decisions)`);
