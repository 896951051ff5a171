// End to end: 300 training episodes (fixed seed) of BP-10 AVF-QPLEX, WTD-S AVF-QPLEX and CT-10 AVF-QMIX
// on each kernel backend, each configuration in its own process (AVF_BACKEND=js is the engine before the
// WebAssembly kernels). Training starts after 20 episodes so that updates dominate, as in a real run.
// Reports env steps/s, updates/s and the wasm / js ratio of the same configuration, measured back to back.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isMain, saveDerived, type BenchRow } from './_support.ts';
import { train } from '../algos/run/runner.ts';

const CASES = [['bp-10', 'avf-qplex'], ['wtd-s', 'avf-qplex'], ['ct-10', 'avf-qmix']] as const;
const EPISODES = Number(process.env.AVF_E2E_EPISODES ?? 300);

/** In a child process: one configuration, printed as JSON. */
async function measure(env: string, algo: string): Promise<void> {
  const r = await train({ env: env as never, algo: algo as never, seed: 0, episodes: EPISODES, startTrain: 20, evalEvery: EPISODES });
  console.log(JSON.stringify({ envSteps: r.envSteps, updates: r.updates, seconds: r.wallSeconds }));
}

export async function run(): Promise<{ rows: BenchRow[] }> {
  const rows: BenchRow[] = [];
  for (const [env, algo] of CASES) {
    const per: Record<string, { envSteps: number; updates: number; seconds: number }> = {};
    for (const backend of ['js', 'wasm']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), env, algo], { encoding: 'utf8', env: { ...process.env, AVF_BACKEND: backend } });
      if (r.status !== 0) throw new Error(`${env} ${algo} on ${backend}: ${r.stderr.slice(-300)}`);
      per[backend] = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
      const p = per[backend];
      console.error(`${env} ${algo} ${backend}: ${(p.envSteps / p.seconds).toFixed(0)} env steps/s, ${(p.updates / p.seconds).toFixed(2)} updates/s (${p.seconds.toFixed(1)} s)`);
    }
    for (const backend of ['js', 'wasm']) {
      const p = per[backend], ratio = backend === 'wasm' ? ` — ${(per.js.seconds / per.wasm.seconds).toFixed(2)}× the js wall time` : '';
      rows.push({ suite: 'e2e', name: `${env} ${algo}, ${EPISODES} episodes, ${backend}: ${(p.updates / p.seconds).toFixed(2)} updates/s${ratio}`, opsPerSec: p.envSteps / p.seconds, method: 'env steps/s over the whole run' });
    }
  }
  return { rows };
}

if (isMain(import.meta.url)) {
  if (process.argv.length > 3) await measure(process.argv[2], process.argv[3]);
  else saveDerived('e2e', (await run()).rows);
}
