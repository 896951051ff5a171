// The dose-response table of REPORT/README from dose-response.json: per learner and share p of big-box
// episodes, how many of the last 4 greedy evaluations pushed the big box (return > 200), their mean, and
// the greedy first macro-actions; for AVF-VDN also its best first actions against the tabular fit.
// Run: node --import tsx results/bp10-dispute/dose-table.ts [results/bp10-dispute/dose-response.json]
import { readFileSync } from 'node:fs';

interface Result {
  algo: string; p: number; bigBoxEpisodes: number; curve: [number, number][]; finalMean: number; firstActions: number[];
  start?: { top: number; tabularTop?: number }[]; startLoss?: { net: number; fit: number };
}
const path = process.argv[2] ?? new URL('./dose-response.json', import.meta.url).pathname;
const { results, updates } = JSON.parse(readFileSync(path, 'utf8')) as { results: Result[]; updates: number };
const shares = [...new Set(results.map((r) => r.p))].sort((a, b) => a - b), algos = [...new Set(results.map((r) => r.algo))];
const episodes = (p: number) => results.find((r) => r.p === p)!.bigBoxEpisodes;
console.log(`| learner (${updates} updates) | ${shares.map((p) => `p ${p}% (${episodes(p)} big-box episodes)`).join(' | ')} |`);
console.log(`|---|${shares.map(() => '---').join('|')}|`);
for (const algo of algos) {
  const cells = shares.map((p) => {
    const r = results.find((x) => x.algo === algo && x.p === p);
    if (r === undefined) return '';
    const last = r.curve.slice(-4).map(([, g]) => g), big = last.filter((g) => g > 200).length;
    return `${big}/4 big box, mean ${r.finalMean.toFixed(1)}; first ${r.firstActions.join(',')}`;
  });
  console.log(`| ${algo} | ${cells.join(' | ')} |`);
}
const vdn = results.filter((r) => r.startLoss !== undefined);
if (vdn.length > 0) {
  console.log('\n| AVF-VDN start decision | ' + vdn.map((r) => `p ${r.p}%`).join(' | ') + ' |');
  console.log(`|---|${vdn.map(() => '---').join('|')}|`);
  console.log('| best first action per agent: net / tabular fit | ' + vdn.map((r) => `${r.start!.map((a) => a.top).join(',')} / ${r.start!.map((a) => a.tabularTop).join(',')}`).join(' | ') + ' |');
  console.log("| start records' mean squared TD error: net / fit | " + vdn.map((r) => `${r.startLoss!.net.toFixed(2)} / ${r.startLoss!.fit.toFixed(2)}`).join(' | ') + ' |');
}
