// Issue 13, experiment 3: offline dose-response on BP-10. Fixed buffers of 2 000 episodes: an ε-greedy
// small-box policy (each agent goes to its own small box and pushes it; ε = 0.3 uniform macro-actions)
// plus a share p of scripted big-box episodes (both go to the big-box spots, then push together once
// both are there; ε = 0.1). Each learner — AVF-VDN / QMIX / QPLEX, the unfactored joint head (avf-joint)
// and Cen-MADDRQN, each with its BP-10 defaults — is fitted on the same episodes for a fixed number of
// updates (targets follow the update cadence they have online: Polyak after every update, hard copies
// every targetUpdateEvery env steps counted as trainEvery steps per update), then plays one greedy
// episode every 250 updates (BP-10 starts the same every time); reported: the greedy first macro-actions
// at the end (both agents choose at the start: "ranks the big box first" = both go to their big-box spots)
// and the mean greedy return of the last 4 evaluations. For AVF-VDN the ranking of the start decision is also
// checked against a tabular VDN fit on the same buffer: an agent acting on its first decision sees the
// initial observation from a zero hidden state in every window, so its utilities there form a 2 × 8
// table; the table that minimises the net's own loss over every window (tabularCheck) must pick the same
// best first action for each agent as the net.
// Run: node --import tsx results/bp10-dispute/dose-response.ts [--updates 4000] [--p 0.5,2,5,10,25]
//        [--algos avf-vdn,avf-qmix,avf-qplex,avf-joint,cen-maddrqn] [--seed 0] [--out FILE.json] [--set '{"lr":1e-3}'] [--first-split k]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { algorithm, resolveConfig, type AlgoId } from '../../algos/algorithms.ts';
import { buildBatch } from '../../algos/data/batch.ts';
import { EpisodeBuilder, type Episode } from '../../algos/data/episode.ts';
import { ReplayBuffer } from '../../algos/data/replay-buffer.ts';
import type { AvfLearner } from '../../algos/learners/avf.ts';
import type { RecurrentQNet } from '../../algos/nets/agent-net.ts';
import { greedyEpisode } from '../../algos/run/trainer.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import { makeEnv, type ResetResult, type StepResult } from '../../envs/index.ts';
import { Rng } from '../../lib/rng.ts';

const SMALL = [0, 1], BIG = [2, 3], PUSH = 4, N_ACTIONS = 8, EPISODES = 2000;
const { values } = parseArgs({ options: { updates: { type: 'string' }, p: { type: 'string' }, algos: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, set: { type: 'string' }, 'first-split': { type: 'string' } } });
const UPDATES = Number(values.updates ?? 4000), SEED = Number(values.seed ?? 0);
const SHARES = (values.p ?? '0.5,2,5,10,25').split(',').map(Number);
const ALGOS = (values.algos ?? 'avf-vdn,avf-qmix,avf-qplex,avf-joint,cen-maddrqn').split(',') as AlgoId[];
/** config fields set on every learner (e.g. Cen-MADDRQN's schedule on the AVF learners), as JSON */
const SET = JSON.parse(values.set ?? '{}') as Record<string, unknown>;
const env = makeEnv('bp-10');

/** One played episode as the env returned it (copied), so every learner's γ can be applied to the same play. */
interface Trace { start: ResetResult; steps: StepResult[]; bigBox: boolean }

const copyStep = (s: StepResult): StepResult => ({ ...s, obs: s.obs.map((o) => o.slice()), state: s.state.slice(), macDone: s.macDone.slice(), executed: s.executed.slice(), choosing: s.choosing.slice() });

/** Plays one episode; `choose` picks the choosing agents' actions from (t, agent, its last action, who chooses). */
function play(choose: (t: number, i: number, last: number, choosing: ArrayLike<number>) => number): Trace {
  const start = env.reset();
  const trace: Trace = { start: { ...start, obs: start.obs.map((o) => o.slice()), state: start.state.slice(), choosing: start.choosing.slice() }, steps: [], bigBox: false };
  const last = [-1, -1], actions = new Int32Array(2);
  let choosing: ArrayLike<number> = start.choosing;
  for (let t = 0; t < env.spec.horizon; t++) {
    for (let i = 0; i < 2; i++) if (choosing[i]) last[i] = actions[i] = choose(t, i, last[i], choosing);
    const out = env.step(actions);
    trace.steps.push(copyStep(out));
    if (out.reward > 200) trace.bigBox = true;
    if (out.terminated) break;
    choosing = out.choosing;
  }
  return trace;
}

/** The buffer's plays: round(p·EPISODES) scripted big-box episodes, the rest from the ε-greedy small-box policy. */
function plays(p: number, rng: Rng): Trace[] {
  const big = Math.round((p / 100) * EPISODES), traces: Trace[] = [];
  const noisy = (eps: number, a: number) => (rng.uniform() < eps ? rng.int(N_ACTIONS) : a);
  for (let e = 0; e < EPISODES; e++) {
    if (e < big) {
      let together = false; // both at their spots: push together from the first joint decision after the start
      traces.push(play((t, i, _last, choosing) => {
        if (t > 0 && choosing[0] && choosing[1]) together = true;
        return noisy(0.1, together ? PUSH : BIG[i]);
      }));
    } else traces.push(play((_t, i, last) => noisy(0.3, last === SMALL[i] ? PUSH : SMALL[i])));
  }
  return traces;
}

function bufferOf(traces: readonly Trace[], gamma: number, forceTerminalValid: boolean): ReplayBuffer {
  const buffer = new ReplayBuffer(EPISODES);
  for (const trace of traces) {
    const builder = new EpisodeBuilder(env.spec, env.spec.horizon, gamma, forceTerminalValid);
    builder.begin(trace.start.obs, trace.start.state);
    for (const step of trace.steps) builder.add(step);
    buffer.push(builder.finish());
  }
  return buffer;
}

/** Per-agent utilities at the start (zero hidden state, the initial observation). */
function startUtilities(nets: readonly RecurrentQNet[]): number[][] {
  const start = env.reset();
  return noGrad(() => nets.map((net, i) => Array.from(net.step(new Tensor(start.obs[i], [1, net.obsDim]), new Tensor(new Float32Array(net.hidden), [1, net.hidden])).q.data)));
}

/** Ranks of agent i's own big-box spot among its actions (0 = first). */
const rankOf = (values: readonly number[], action: number) => values.filter((v) => v > values[action]).length;

/**
 * Least squares for the 2 × 8 start values x: each row says y − (the net's utilities of the agents not at
 * their first decision) ≈ Σ x_i[a_i] over the agents at their first decision. A ridge of 1e-6 fixes VDN's
 * gauge (a constant moved between the agents) and actions never taken.
 */
function startTable(rows: { at: [number, number][]; y: number }[]): number[][] {
  const n = 2 * N_ACTIONS, A = Array.from({ length: n }, () => new Float64Array(n + 1));
  for (const { at, y } of rows) {
    const idx = at.map(([i, a]) => i * N_ACTIONS + a);
    for (const j of idx) {
      for (const k of idx) A[j][k] += 1;
      A[j][n] += y;
    }
  }
  for (let j = 0; j < n; j++) A[j][j] += 1e-6;
  for (let c = 0; c < n; c++) { // Gauss–Jordan with partial pivoting
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  const x = A.map((row, j) => row[n] / row[j]);
  return [x.slice(0, N_ACTIONS), x.slice(N_ACTIONS)];
}

/**
 * The tabular VDN fit of AVF-VDN's start values on the same buffer. Windows start uniformly over stored
 * steps, so the loss is a sum over every (window start, record) pair. An agent whose running action was
 * chosen at the episode start acts on the initial observation from a zero hidden state in every window
 * that contains the record, so its utility there is one of 8 start values shared by all such pairs; with
 * the other terms fixed at the net's (its utilities of later decisions, the TD targets), the start values
 * that minimise the loss solve a linear least-squares problem. The net's best first action must be the
 * fit's, agent by agent.
 */
function tabularCheck(learner: AvfLearner, buffer: ReplayBuffer, L: number): { table: number[][]; loss: (x: number[][]) => number } {
  const episodes: Episode[] = buffer.episodes, rows: { at: [number, number][]; y: number }[] = [];
  const windows = episodes.flatMap((episode) => Array.from({ length: episode.length }, (_, start) => ({ episode, start })));
  for (let from = 0; from < windows.length; from += 1000) {
    const chunk = windows.slice(from, from + 1000), batch = buildBatch(chunk, L, env.spec, learner.config.stateMode);
    const y = learner.tdTargets(batch);
    const q = noGrad(() => learner.nets.map((net, i) => net.unroll(new Tensor(batch.inputs[i], [batch.inputs[i].length / env.spec.obsDims[i], env.spec.obsDims[i]]), batch.batchSizes[i]).data));
    let r = 0;
    for (const { episode, start } of chunk) {
      for (let t = start; t < Math.min(start + L, episode.length); t++) {
        if (!episode.jvalid[t]) continue;
        const at: [number, number][] = [];
        let rest = y[r];
        for (let i = 0; i < 2; i++) {
          const a = batch.action[i][r];
          if (episode.decisionAt[i][t] === 0) at.push([i, a]);
          else rest -= q[i][batch.current[i][r] * N_ACTIONS + a];
        }
        if (at.length > 0) rows.push({ at, y: rest });
        r++;
      }
    }
  }
  const loss = (x: number[][]) => rows.reduce((acc, { at, y }) => acc + (y - at.reduce((sum, [i, a]) => sum + x[i][a], 0)) ** 2, 0) / rows.length;
  return { table: startTable(rows), loss };
}

interface AgentStart { agent: number; top: number; ownBigRank: number; big: number; bestSmall: number; tabularTop?: number; tabularOwnBigRank?: number }
interface Result { algo: AlgoId; p: number; bigBoxEpisodes: number; curve: [number, number][]; finalMean: number; firstActions: number[]; bigBoxFirst: boolean; start?: AgentStart[]; startLoss?: { net: number; fit: number } }

/** The greedy first macro-actions of the learned policy (both agents choose at the start). */
function firstActions(controller: { reset(): void; act(o: readonly Float32Array[], c: ArrayLike<number>, e: number, r: Rng, out: Int32Array, s?: Float32Array): void }): number[] {
  const start = env.reset(), out = new Int32Array(2);
  controller.reset();
  controller.act(start.obs, start.choosing, 0, new Rng(0), out, start.state);
  return Array.from(out);
}

const argmax = (v: readonly number[]) => v.reduce((best, x, k) => (x > v[best] ? k : best), 0);

const results: Result[] = [];
const rng = new Rng(SEED);
// each p's buffer comes from the next split of the seed's RNG; --first-split k skips k (to redo the (k+1)-th p of an earlier run alone)
for (let k = 0; k < Number(values['first-split'] ?? 0); k++) rng.split();
for (const p of SHARES) {
  const traces = plays(p, rng.split());
  const bigBoxEpisodes = traces.filter((t) => t.bigBox).length;
  for (const algo of ALGOS) {
    const config = resolveConfig({ algo, env: 'bp-10', seed: SEED, ...SET });
    const buffer = bufferOf(traces, config.gamma, config.forceTerminalValid), learnerRng = new Rng(SEED + 1);
    const learner = algorithm(algo).makeLearner(config, env.spec, learnerRng.split());
    const curve: [number, number][] = [], evalRng = new Rng(7);
    const greedy = () => greedyEpisode(env, algorithm(algo).makeController(config, env.spec, learner.nets), 0, evalRng);
    const started = Date.now();
    for (let k = 1; k <= UPDATES; k++) {
      const windows = config.wholeEpisodes ? buffer.sampleEpisodes(config.batchSize, learnerRng) : buffer.sampleWindows(config.batchSize, learnerRng, config.windowLength, config.frontPaddedWindows);
      learner.trainOn(windows!, config.wholeEpisodes ? env.spec.horizon : config.windowLength);
      learner.afterEnvStep(k * config.trainEvery);
      if (k % 250 === 0) curve.push([k, greedy()]);
    }
    const last = curve.slice(-4).map(([, g]) => g), first = firstActions(algorithm(algo).makeController(config, env.spec, learner.nets));
    const result: Result = {
      algo, p, bigBoxEpisodes, curve, finalMean: last.reduce((a, b) => a + b, 0) / last.length,
      firstActions: first, bigBoxFirst: first[0] === BIG[0] && first[1] === BIG[1],
    };
    if (algo.startsWith('avf-') && algo !== 'avf-joint') {
      const q = startUtilities(learner.nets as RecurrentQNet[]);
      const check = algo === 'avf-vdn' ? tabularCheck(learner as AvfLearner, buffer, config.windowLength) : null, table = check?.table;
      if (check) result.startLoss = { net: check.loss(q), fit: check.loss(check.table) }; // mean squared TD error of the start records
      result.start = q.map((values, i) => ({
        agent: i, top: argmax(values), ownBigRank: rankOf(values, BIG[i]), big: values[BIG[i]], bestSmall: Math.max(...SMALL.map((a) => values[a])),
        ...(table ? { tabularTop: argmax(table[i]), tabularOwnBigRank: rankOf(table[i], BIG[i]) } : {}),
      }));
    }
    results.push(result);
    if (values.out) writeFileSync(values.out, JSON.stringify({ updates: UPDATES, seed: SEED, episodes: EPISODES, set: SET, results }, null, 1) + '\n'); // after every fit
    const vdn = result.start?.[0].tabularTop !== undefined
      ? `; start tops ${result.start.map((a) => a.top).join('/')} vs tabular VDN fit ${result.start.map((a) => a.tabularTop).join('/')}` +
        ` (start records' loss: net ${result.startLoss!.net.toFixed(2)}, fit ${result.startLoss!.fit.toFixed(2)})` : '';
    console.error(`p ${p}% (${bigBoxEpisodes} big-box episodes) ${algo}: first actions ${first.join(',')}${result.bigBoxFirst ? ' (big box)' : ''}, ` +
      `greedy mean of the last 4 evaluations ${result.finalMean.toFixed(1)} after ${UPDATES} updates, ${((Date.now() - started) / 1000).toFixed(0)} s${vdn}`);
  }
}
