// What a BP-10 policy believes at the two decisions that make the big box: its per-agent utilities
// (Q_i from the recurrent net, hidden state advanced as at execution) at the start state, where each
// agent picks where to go, and at the state where both stand at their big-box spots (after running
// GoTo_BigBox_spot0 / GoTo_BigBox_spot1, which both end at step 7), where both must pick Push.
// Works for any policy with one utility net per agent (AVF, Dec-MADDRQN); prints a markdown table.
// Run: node --import tsx results/bp10-avf-sweep-seed0-8k/utilities.ts <name>=<policy.avf> ...
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import type { RecurrentQNet } from '../../algos/nets/agent-net.ts';
import { loadPolicy } from '../../algos/run/run-state.ts';
import { makeEnv } from '../../envs/index.ts';

const SMALL = [0, 1], BIG = [2, 3], PUSH = 4;
const fmt = (x: number) => x.toFixed(1);

console.log('| policy | agent | start: best GoTo_SmallBox | start: own GoTo_BigBox_spot | at the big box: Push | at the big box: best other |');
console.log('|---|---|---|---|---|---|');
for (const arg of process.argv.slice(2)) {
  const [name, path] = arg.split('=');
  const nets = loadPolicy(path).nets as RecurrentQNet[];
  const env = makeEnv('bp-10');
  const hidden = nets.map((n) => new Tensor(new Float32Array(n.hidden), [1, n.hidden]));
  const decide = (obs: readonly Float32Array[]) => noGrad(() => nets.map((net, i) => {
    const { q, h } = net.step(new Tensor(obs[i], [1, net.obsDim]), hidden[i]);
    hidden[i] = h;
    return Array.from(q.data);
  }));
  const start = decide(env.reset().obs);
  let out = env.step(BIG);
  for (let t = 1; !(out.macDone[0] && out.macDone[1]); t++) {
    if (out.macDone[0] || out.macDone[1] || out.terminated || t > 20) throw new Error('the agents did not reach the big-box spots together');
    out = env.step(BIG);
  }
  const atBox = decide(out.obs);
  nets.forEach((_, i) => {
    const others = atBox[i].filter((_, a) => a !== PUSH);
    console.log(`| ${name} | ${i} | ${fmt(Math.max(...SMALL.map((a) => start[i][a])))} | ${fmt(start[i][BIG[i]])} | ` +
      `${fmt(atBox[i][PUSH])} | ${fmt(Math.max(...others))} |`);
  });
}
