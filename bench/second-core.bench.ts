// Does a second thread pay? The canonical update (BP and CT-10 sizes) run by one thread, then by two
// worker threads at once, each with its own nets and kernel memories: the aggregate rate over the single
// rate is what two cores can give this work at best — the ceiling of splitting one run's update across
// two threads (before the synchronisation such a split needs), and exactly what the experiment runner
// already gets by running two runs side by side. The PyTorch peer is measured the same way, on one and
// on two intra-op threads, for the stretch comparison.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CT_DIMS, DIMS, makeCanonicalUpdate, type Dims } from './canonical-update.ts';
import { isMain, saveDerived, timeLoop, type BenchRow } from './_support.ts';
import { BACKEND } from '../lib/wasm/backend.ts';

const SIZES: [string, Dims][] = [['BP', DIMS], ['CT-10', CT_DIMS]];
const SECONDS = Number(process.env.AVF_SECOND_CORE_SECONDS ?? 5), ROUNDS = Number(process.env.AVF_SECOND_CORE_ROUNDS ?? 3);
const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
const PEER = new URL('../../shared/peers/torch_update.py', import.meta.url).pathname;

/** Updates per second of one canonical update over about `seconds`. */
function rate(dims: Dims, seconds: number): number {
  const { update } = makeCanonicalUpdate(0, dims);
  update();
  const perUpdate = timeLoop(update, 2, 1);
  return 1 / timeLoop(update, Math.max(3, Math.round(seconds / perUpdate)), 0);
}

/** Rates of `threads` workers running the update at the same time. */
function concurrent(label: string, threads: number): Promise<number[]> {
  return Promise.all(Array.from({ length: threads }, () => new Promise<number>((resolve, reject) => {
    // a worker does not inherit the tsx loader: it registers it, then imports this file
    const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(source, { eval: true, workerData: { label } });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
}

function torchRate(dims: Dims, threads: number): number {
  const r = spawnSync('/usr/bin/python3', [PEER, '--n', String(dims.N), '--obs-dim', String(dims.O), '--n-actions', String(dims.A), '--state-dim', String(dims.S),
    '--agent-net', 'independent', '--style', 'hoisted', '--threads', String(threads), '--reps', dims.N > 2 ? '3' : '5'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the PyTorch peer failed: ${r.stderr.slice(-300)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!).updates_per_s;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const peer = existsSync(PEER) && spawnSync('/usr/bin/python3', ['-c', 'import torch']).status === 0;
  for (const [label, dims] of SIZES) {
    // rounds alternate one thread and two, and the scaling is taken per round: absolute speeds drift here
    const rounds: { one: number; both: number }[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const one = (await concurrent(label, 1))[0], two = await concurrent(label, 2);
      rounds.push({ one, both: two[0] + two[1] });
      console.error(`${label} round ${k + 1}: 1 thread ${one.toFixed(2)} updates/s; 2 threads at once ${two.map((r) => r.toFixed(2)).join(' + ')} → ${(rounds[k].both / one).toFixed(2)}×`);
    }
    const scaling = median(rounds.map((r) => r.both / r.one)), both = median(rounds.map((r) => r.both));
    rows.push({ suite: 'second-core', name: `${label} canonical update (${BACKEND}): 2 threads at once / 1 thread = ${scaling.toFixed(2)}× aggregate (median of ${ROUNDS} rounds)`, opsPerSec: both, method: 'timed loops in worker threads' });
    if (peer) {
      const t = Array.from({ length: ROUNDS }, () => [torchRate(dims, 1), torchRate(dims, 2)]);
      const torchScaling = median(t.map(([t1, t2]) => t2 / t1));
      console.error(`${label}: PyTorch 2 intra-op threads / 1 thread = ${torchScaling.toFixed(2)}× (rounds: ${t.map(([a, b]) => `${a.toFixed(1)}/${b.toFixed(1)}`).join(', ')})`);
      rows.push({ suite: 'second-core', name: `${label}: PyTorch 2 intra-op threads / 1 thread = ${torchScaling.toFixed(2)}× (median of ${ROUNDS})`, opsPerSec: median(t.map(([, t2]) => t2)), method: 'the peer with --threads 1 and 2' });
    }
  }
  return rows;
}

if (!isMainThread) {
  const dims = SIZES.find(([label]) => label === (workerData as { label: string }).label)![1];
  parentPort!.postMessage(rate(dims, SECONDS));
} else if (isMain(import.meta.url)) {
  saveDerived('second-core', await run());
}
