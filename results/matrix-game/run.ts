// Sweeps VDN, QMIX and QPLEX over seeds, step budgets and two optimiser settings (Adam 1e-3 without
// clipping; pymarl's RMSprop 5e-4 with clip 10) on the one-step matrix game (game.ts)
// and writes results.json beside this file. Run: node --import tsx results/matrix-game/run.ts [seeds] [steps...]
import { writeFileSync } from 'node:fs';
import { PAYOFF, additiveFitMse, trainMatrixGame, type MatrixGameResult } from './game.ts';
import type { MixerKind } from '../../mixers/index.ts';

const seeds = Number(process.argv[2] ?? 10);
const budgets = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [2000, 20000];
const settings = [
  { name: 'adam', optimizer: 'adam', lr: 1e-3, gradClip: 0 },
  { name: 'pymarl', optimizer: 'rmsprop', lr: 5e-4, gradClip: 10 },
] as const;
type Run = { setting: string; mixer: MixerKind; steps: number; seed: number } & MatrixGameResult;
const runs: Run[] = [];
for (const setting of settings) for (const steps of budgets) {
  for (const mixer of ['vdn', 'qmix', 'qplex'] as const) {
    for (let seed = 0; seed < seeds; seed++) {
      const r = trainMatrixGame({ mixer, seed, steps, lr: setting.lr, optimizer: setting.optimizer, gradClip: setting.gradClip });
      runs.push({ setting: setting.name, mixer, steps, seed, ...r, qTot: r.qTot.map((row) => row.map((v) => Math.round(v * 100) / 100)) });
    }
    const mine = runs.filter((r) => r.setting === setting.name && r.mixer === mixer && r.steps === steps);
    const found = mine.filter((r) => r.greedyPayoff === 8).length;
    const losses = mine.map((r) => r.loss).sort((a, b) => a - b);
    console.log(`${setting.name.padEnd(6)} ${mixer.padEnd(5)} ${String(steps).padStart(6)} steps: optimum in ${found}/${mine.length} seeds, ` +
      `loss median ${losses[Math.floor(losses.length / 2)].toFixed(2)} (min ${losses[0].toFixed(2)}, max ${losses[losses.length - 1].toFixed(2)})`);
  }
}
const out = new URL('./results.json', import.meta.url).pathname;
writeFileSync(out, JSON.stringify({ payoff: PAYOFF, additiveBound: additiveFitMse(PAYOFF), settings, runs }, null, 1) + '\n');
console.log(`wrote ${out}`);
