// avf's canonical update against the PyTorch peer (../shared/peers/torch_update.py, hoisted style, one
// thread), measured side by side: rounds alternate the two engines in the same minutes, for the BP and
// the CT-10 sizes, and the ratio is taken per round (absolute speeds drift on shared machines; ratios
// measured back to back do not). Needs /usr/bin/python3 with torch (see the peer's README).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CT_DIMS, DIMS, canonicalUpdateFlops, makeCanonicalUpdate, type Dims } from './canonical-update.ts';
import { isMain, saveDerived, timeLoop, type BenchRow } from './_support.ts';
import { BACKEND } from '../lib/wasm/backend.ts';

const PEER = new URL('../../shared/peers/torch_update.py', import.meta.url).pathname;
const PYTHON = '/usr/bin/python3';
const ROUNDS = Number(process.env.AVF_PEER_ROUNDS ?? 3);

function torchUpdatesPerSecond(d: Dims): number {
  const args = [PEER, '--n', String(d.N), '--obs-dim', String(d.O), '--n-actions', String(d.A), '--state-dim', String(d.S),
    '--agent-net', 'independent', '--style', 'hoisted', '--threads', '1', '--reps', d.N > 2 ? '3' : '5'];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the PyTorch peer failed: ${r.stderr.slice(-400)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!).updates_per_s;
}

export async function run(): Promise<{ rows: BenchRow[]; rounds: Record<string, number[][]> }> {
  if (!existsSync(PEER) || spawnSync(PYTHON, ['-c', 'import torch']).status !== 0) throw new Error(`needs ${PEER} and ${PYTHON} with torch (apt-get install python3-torch)`);
  const rows: BenchRow[] = [], rounds: Record<string, number[][]> = {};
  for (const [label, dims] of [['BP', DIMS], ['CT-10', CT_DIMS]] as const) {
    const { update } = makeCanonicalUpdate(0, dims);
    rounds[label] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const avf = 1 / timeLoop(update, dims.N > 2 ? 8 : 20, 3), torch = torchUpdatesPerSecond(dims);
      rounds[label].push([avf, torch, avf / torch]);
      console.error(`${label} round ${k + 1}: avf ${avf.toFixed(2)} updates/s (${BACKEND}), PyTorch ${torch.toFixed(2)} → ${(avf / torch).toFixed(2)}×`);
    }
    const ratios = rounds[label].map((r) => r[2]).sort((a, b) => a - b), median = ratios[Math.floor(ratios.length / 2)];
    const avfMedian = rounds[label].map((r) => r[0]).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
    rows.push({
      suite: 'peer', name: `canonical update, ${label} sizes: avf (${BACKEND}) / PyTorch-1T hoisted = ${median.toFixed(2)}× (median of ${ROUNDS} alternating rounds)`,
      opsPerSec: avfMedian, gflops: (avfMedian * canonicalUpdateFlops(dims)) / 1e9, method: 'timed loop, alternating with the peer',
    });
  }
  return { rows, rounds };
}

if (isMain(import.meta.url)) {
  const { rows, rounds } = await run();
  saveDerived('peer', rows, { rounds });
}
