// The dose-response tables of README.md: per learner and share p of big-box episodes, the mean of the last 4
// greedy evaluations (with how many of them pushed the big box where the curve was kept), the greedy first
// macro-actions, and the Cen-schedule rows. Reads the JSON files of the runs and, for the main run whose
// process died before writing its JSON, the lines of its log (dose-response-main.log).
// Run: node --import tsx results/bp10-dispute/dose-table.ts
import { existsSync, readFileSync } from 'node:fs';

interface Result { algo: string; p: number; bigBoxEpisodes: number; curve: [number, number][]; finalMean: number; firstActions: number[] }
interface Cell { big: number | null; mean: number; first: string; episodes: number }

const dir = new URL('.', import.meta.url).pathname;
const cells = new Map<string, Cell>(), key = (algo: string, p: number) => `${algo} ${p}`;
const LINE = /^p ([\d.]+)% \((\d+) big-box episodes\) (\S+): first actions (\d),(\d).*?greedy mean of the last 4 evaluations (-?[\d.]+)/;
for (const line of readFileSync(`${dir}dose-response-main.log`, 'utf8').split('\n')) {
  const m = LINE.exec(line);
  if (m) cells.set(key(m[3], Number(m[1])), { big: null, mean: Number(m[6]), first: `${m[4]},${m[5]}`, episodes: Number(m[2]) });
}
const fromJson = (file: string): Result[] => (existsSync(`${dir}${file}`) ? JSON.parse(readFileSync(`${dir}${file}`, 'utf8')).results : []);
const cellOf = (r: Result): Cell => ({
  big: r.curve.slice(-4).filter(([, g]) => g > 200).length, mean: r.finalMean, first: r.firstActions.join(','), episodes: r.bigBoxEpisodes,
});
for (const file of ['dose-response-low.json', 'dose-response-p10-cen.json', 'dose-response-p25.json']) {
  for (const r of fromJson(file)) cells.set(key(r.algo, r.p), cellOf(r));
}
const show = (c: Cell | undefined) => {
  if (c === undefined) return '—';
  const text = `${c.mean.toFixed(1)}${c.big === null ? '' : ` (${c.big}/4)`}`;
  return c.mean > 200 ? `**${text}**` : text;
};
const shares = [...new Set([...cells.keys()].map((k) => Number(k.split(' ')[1])))].sort((a, b) => a - b);
const algos = ['avf-vdn', 'avf-qmix', 'avf-qplex', 'avf-joint', 'cen-maddrqn'];
const episodes = (p: number) => [...cells.entries()].find(([k]) => Number(k.split(' ')[1]) === p)![1].episodes;
console.log(`| learner, its BP-10 defaults | ${shares.map((p) => `p ${p}% (${episodes(p)})`).join(' | ')} |`);
console.log(`|---|${shares.map(() => '---|').join('')}`);
for (const a of algos) console.log(`| ${a} | ${shares.map((p) => show(cells.get(key(a, p)))).join(' | ')} |`);
console.log(`\n| greedy first macro-actions | ${shares.map((p) => `p ${p}%`).join(' | ')} |`);
console.log(`|---|${shares.map(() => '---|').join('')}`);
for (const a of algos) console.log(`| ${a} | ${shares.map((p) => cells.get(key(a, p))?.first ?? '—').join(' | ')} |`);
const cen = fromJson('dose-response-censched.json'), cenShares = [...new Set(cen.map((r) => r.p))];
console.log(`\n| Cen-MADDRQN's schedule on the AVF learners | ${cenShares.map((p) => `p ${p}% (${cen.find((r) => r.p === p)!.bigBoxEpisodes})`).join(' | ')} |`);
console.log(`|---|${cenShares.map(() => '---|').join('')}`);
for (const a of ['avf-qplex', 'avf-joint']) {
  console.log(`| ${a} | ${cenShares.map((p) => {
    const r = cen.find((x) => x.algo === a && x.p === p)!;
    return `${show(cellOf(r))} (first ${r.firstActions.join(',')})`;
  }).join(' | ')} |`);
}
