// node --import tsx results/paper/remaining.ts: the runs left in each plan (seeds 0-2, the commands of README.md) and an
// estimate of their core-hours (remaining-runs.ts); a run another plan's folder has finished is copied, not trained.
import { PLANS, remainingRuns } from './remaining-runs.ts';

const left = remainingRuns();
let total = 0;
for (const entry of PLANS) {
  const mine = left.filter((r) => r.entry === entry);
  const trained = mine.filter((r) => !r.copy && !r.counted);
  const sum = trained.reduce((s, r) => s + (r.hours ?? 0), 0);
  total += sum;
  console.log(`${entry.folder}: ${trained.length} runs to train, ${sum.toFixed(1)} core-hours`);
  for (const r of mine) {
    const what = r.copy ? 'copied from a --reuse folder' : r.counted ? 'counted in an earlier plan' : r.hours === null ? 'no estimate'
      : `${r.hours.toFixed(2)} h${r.carried > 0 ? ` (the rest after episode ${r.carried}, carried)` : ''}`;
    console.log(`  ${r.id} ${what}`);
  }
}
console.log(`total ${total.toFixed(1)} core-hours`);
