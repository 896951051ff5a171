// Greedy CT-10 episodes of a saved policy: each agent's share of Stay (action 1) against Move_To_Target (0),
// the mean utility of each action and the spread of their gap at the agents' decisions, and the capture rate (the paper's Table 1 return).
// For per-agent nets (the AVF methods, Dec-MADDRQN; Mac-IAICC's actors, whose outputs are then its logits); for a
// joint net (Cen-MADDRQN, its greedy controller: conditional argmax) the Stay shares, the capture rate, and at
// the steps where every agent chooses, where all-Move (joint index 0) ranks among the 1 024 joint utilities.
// Run: node --import tsx results/paper/ct-actions.ts <run folder or policy.avf> [episodes, default 50]
import { loadPolicy } from '../../algos/run/run-state.ts';
import { envFor, greedyEpisode } from '../../algos/run/trainer.ts';
import { algorithm } from '../../algos/algorithms.ts';
import { policyPath } from '../../algos/run/evaluate.ts';
import type { RecurrentQNet } from '../../algos/nets/agent-net.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import { Rng } from '../../lib/rng.ts';
import { countChoices } from './count-choices.ts';

const policy = loadPolicy(policyPath(process.argv[2]));
const env = envFor(policy.config), rng = new Rng(1);
const nets = policy.nets as unknown as RecurrentQNet[];
if (policy.config.env !== 'ct-10' || policy.config.algo === 'avf-joint') throw new Error('a CT-10 policy with per-agent nets or Cen-MADDRQN\'s joint net is needed');
const n = env.spec.nAgents, counts = Array.from({ length: n }, () => [0, 0]), qsum = [0, 0];
let captures = 0, decisions = 0;
const gaps: number[] = []; // Q(Move) − Q(Stay) at every decision
const E = Number(process.argv[3] ?? 50);
const shares = (c: number[][]) => c.map(([m, s]) => (s / (m + s)).toFixed(2)).join(' ');
if (policy.config.algo === 'cen-maddrqn') {
  // the controller's joint choices, seen through the env: the action of every agent choosing at a step
  const controller = algorithm(policy.config.algo).makeController(policy.config, policy.spec, policy.nets);
  const watched = countChoices(env, (out) => { if (out.reward > 0) captures++; });
  const net = (controller as unknown as { net: { step: (x: Tensor, h: Tensor) => { q: Tensor; h: Tensor } } }).net, netStep = net.step.bind(net);
  const ranks: number[] = [], allMoveGaps: number[] = []; // rank of all-Move (0 = the argmax); Q(all-Move) − max Q
  net.step = (x, h) => {
    const out = netStep(x, h), q = out.q.data;
    let all = true;
    const choosing = watched.choosing();
    for (let i = 0; i < n; i++) if (!choosing[i]) all = false;
    if (all) {
      let above = 0, max = -Infinity;
      for (let j = 0; j < q.length; j++) { if (q[j] > q[0]) above++; max = Math.max(max, q[j]); }
      ranks.push(above);
      allMoveGaps.push(q[0] - max);
    }
    return out;
  };
  for (let e = 0; e < E; e++) greedyEpisode(env, controller, rng.int(0x7fffffff), rng);
  console.log(`capture rate ${captures / E} (joint net: no per-agent utilities)`);
  console.log('share of Stay per agent:', shares(watched.counts));
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)];
  console.log(`all agents choosing at ${ranks.length} steps: all-Move is the argmax at ${ranks.filter((r) => r === 0).length}; ` +
    `median rank ${median(ranks)} of ${2 ** n}, median Q(all-Move) − max Q ${median(allMoveGaps).toFixed(4)}`);
  process.exit(0);
}
for (let e = 0; e < E; e++) {
  const start = env.reset(rng.int(0x7fffffff));
  let obs = start.obs, choosing: ArrayLike<number> = start.choosing;
  const hidden = nets.map((net) => new Tensor(new Float32Array(net.hidden), [1, net.hidden]));
  const actions = new Int32Array(n);
  for (;;) {
    noGrad(() => {
      for (let i = 0; i < n; i++) {
        if (!choosing[i]) continue;
        const { q, h } = nets[i].step(new Tensor(obs[i], [1, nets[i].obsDim]), hidden[i]);
        hidden[i] = h;
        const a = q.data[1] > q.data[0] ? 1 : 0;
        actions[i] = a; counts[i][a]++; qsum[0] += q.data[0]; qsum[1] += q.data[1]; decisions++; gaps.push(q.data[0] - q.data[1]);
      }
    });
    const out = env.step(actions);
    if (out.reward > 0) captures++;
    if (out.terminated || out.truncated) break;
    obs = out.obs; choosing = out.choosing;
  }
}
console.log(`capture rate ${captures / E}; mean Q move ${(qsum[0] / decisions).toFixed(4)} stay ${(qsum[1] / decisions).toFixed(4)}`);
gaps.sort((a, b) => a - b);
const at = (f: number) => gaps[Math.floor(f * (gaps.length - 1))].toFixed(4);
console.log(`Q(Move) − Q(Stay) over ${decisions} decisions: 10th percentile ${at(0.1)}, median ${at(0.5)}, 90th ${at(0.9)}`);
console.log('share of Stay per agent:', shares(counts));
