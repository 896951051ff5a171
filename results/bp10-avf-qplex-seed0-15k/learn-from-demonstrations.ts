// Diagnostic: can the AVF learner learn the big-box policy from a buffer that contains it? A buffer of
// 2000 BP-10 episodes, one in four a scripted big-box push (ε 0.1 noise), the rest uniform random; then
// offline updates with the paper's settings, printing the greedy return every 500 updates.
// Run: node --import tsx results/bp10-avf-qplex-seed0-15k/learn-from-demonstrations.ts [algo] [lr] [updates]
import { AvfLearner } from '../../algos/learners/avf.ts';
import { buildBatch } from '../../algos/data/batch.ts';
import { resolveConfig } from '../../algos/algorithms.ts';
import { Controller } from '../../algos/acting/controller.ts';
import { EpisodeBuilder } from '../../algos/data/episode.ts';
import { ReplayBuffer } from '../../algos/data/replay-buffer.ts';
import { greedyEpisode } from '../../algos/run/trainer.ts';
import { makeEnv } from '../../envs/index.ts';
import { Rng } from '../../lib/rng.ts';
const algo = (process.argv[2] ?? 'avf-qplex') as 'avf-qplex';
const config = resolveConfig({ algo, env: 'bp-10', lr: Number(process.argv[3] ?? 1e-4) });
const env = makeEnv('bp-10'), rng = new Rng(0);
const learner = new AvfLearner(config, env.spec, rng.split(), 'qplex');
const buffer = new ReplayBuffer(2500);
const record = (policy: (t: number, choosing: Uint8Array) => number[]) => {
  const b = new EpisodeBuilder(env.spec, 100, config.gamma, true);
  const s = env.reset(); b.begin(s.obs, s.state);
  let choosing: Uint8Array = new Uint8Array([1, 1]);
  for (let t = 0; ; t++) { const out = env.step(policy(t, choosing)); b.add(out); choosing = out.macDone; if (out.terminated || out.truncated) break; }
  buffer.push(b.finish());
};
let phase = 0;
const scripted = (eps: number) => (t: number, choosing: Uint8Array) => {
  if (t === 0) phase = 0;
  if (phase === 0 && choosing[0] && choosing[1] && t > 0) phase = 1;
  const a = phase === 0 ? [2, 3] : [4, 4];
  return a.map((x) => (rng.uniform() < eps ? rng.int(8) : x));
};
for (let e = 0; e < 2000; e++) record(e % 4 === 0 ? scripted(0.1) : () => [rng.int(8), rng.int(8)]);
const controller = new Controller(learner.nets);
for (let k = 1; k <= Number(process.argv[4] ?? 3000); k++) {
  const w = buffer.sampleWindows(64, rng)!;
  learner.update(buildBatch(w, 25, env.spec, 'joint-macro'));
  if (k % 500 === 0) console.log(k, greedyEpisode(env, controller, 0, rng).toFixed(1));
}
