// Acting latency: microseconds per agent decision — one step of an agent net (Linear → ReLU → GRU(64) →
// Linear) for one observation, without a graph — as the controllers run it at every macro-action end.
// At batch 1 both backends take the JS kernels (a product of one row is below the WebAssembly threshold).
import { AgentNet } from '../algos/nets/agent-net.ts';
import { Tensor, noGrad } from '../autograd/tensor.ts';
import { Rng } from '../lib/rng.ts';
import { BACKEND } from '../lib/wasm/backend.ts';
import { isMain, saveDerived, timeLoop, type BenchRow } from './_support.ts';

export function run(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [label, O, A] of [['BP (obs 5, 8 actions)', 5, 8], ['CT-10 (obs 4, 2 actions)', 4, 2], ['WTD-S mobile (obs 13, 3 actions)', 13, 3]] as const) {
    const net = new AgentNet(O, A, 64, new Rng(0)), x = new Tensor(new Float32Array(O).fill(0.5), [1, O]);
    let h = new Tensor(new Float32Array(64), [1, 64]);
    const decide = () => noGrad(() => { h = net.step(x, h).h; });
    const seconds = timeLoop(() => { for (let k = 0; k < 1000; k++) decide(); }, 15, 3) / 1000;
    rows.push({ suite: 'acting', name: `one decision, ${label}, GRU 64, ${BACKEND} backend: ${(seconds * 1e6).toFixed(1)} µs`, opsPerSec: 1 / seconds, method: 'timed loop (median of 15 × 1000)' });
    console.error(rows.at(-1)!.name);
  }
  return rows;
}

if (isMain(import.meta.url)) saveDerived('acting', run());
