// The comparison tables of the top-level README's Results section, from the plan folders here: final
// return (mean of each run's last 10 greedy evaluations, then mean ± s.e. over seeds) of finished runs
// only, "(k)" when a cell has k < 3 finished seeds, the paper's value beside where it gives one; and what each
// plan folder has cost so far.
// Run: node --import tsx results/paper/tables.ts > results/paper/TABLES.md
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePlan, scaleEpisodes, type Plan } from '../../algos/experiments/plans.ts';
import { PAPER, cells, computeOf, fmt, readRuns, type Cell, type RunData } from '../../algos/experiments/report.ts';

const here = new URL('.', import.meta.url).pathname;
const SEEDS = 3;

const read = new Map<string, RunData[]>();
/** Every run of a plan folder, read once (none when the folder does not exist yet). */
function runsOf(plan: string): RunData[] {
  if (!read.has(plan)) {
    const dir = join(here, plan);
    read.set(plan, existsSync(join(dir, 'runs')) ? readRuns(dir) : []);
  }
  return read.get(plan)!;
}

/** The finished runs of a plan folder. */
const finishedRuns = (plan: string): RunData[] => runsOf(plan).filter((r) => r.done);

/** The cells of a plan folder over its finished runs. */
const planCells = (plan: string): Cell[] => cells(finishedRuns(plan));

/** The cells over the finished runs of several folders, a run id counted once (the first folder's copy): a
 * plan's runs that another plan has finished with the same config, before `--reuse` copies them over. */
function pooledCells(finished: RunData[][]): Cell[] {
  const byId = new Map<string, RunData>();
  for (const runs of finished) for (const r of runs) if (!byId.has(r.id)) byId.set(r.id, r);
  return cells([...byId.values()]);
}

const FOLDERS = ['fig5', 'fig4', 'fig4-bp10-paper', 'bp-paper', 'table1', 'table1-paper', 'ct10-gamma', 'ct10-iaicc', 'table3', 'fig8', 'ablations'];

/** A row per plan folder: runs in its plan (every seed), finished (trained here / reused), core-hours, runner wall hours. */
function costTable(): string[] {
  const lines = ['**Runs and compute per plan folder** (core-hours: the summed wall time of the runs trained in the folder; wall: the runner sessions in its runner.jsonl, overlaps once)', '',
    '| folder | runs | finished | trained here | reused | core-hours | wall hours |', '|---|---|---|---|---|---|---|'];
  for (const folder of FOLDERS) {
    const dir = join(here, folder);
    if (!existsSync(join(dir, 'plan.json'))) {
      lines.push(`| ${folder} | — | not started | | | | |`);
      continue;
    }
    const c = computeOf(dir, folder === 'table1-paper' ? table1PaperRuns : runsOf(folder));
    const planned = resolvePlan(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as Plan).length;
    lines.push(`| ${folder} | ${planned} | ${c.trained + c.reused} | ${c.trained} | ${c.reused} | ${c.coreHours.toFixed(1)} | ${c.wallHours === null ? '—' : c.wallHours.toFixed(1)} |`);
  }
  return [...lines, ''];
}

const num = (v: number) => fmt(v).replace('-', '−');
const value = (c: Cell | undefined) => (c === undefined ? '—' : `${num(c.final[0])} ± ${num(c.final[1])}${c.seeds < SEEDS ? ` (${c.seeds})` : ''}`);
const paper = (env: string, method: string) => (PAPER[env]?.[method] ? PAPER[env][method].map((v) => v.replace('-', '−')).join(' ± ') : '—');

/** One markdown table: a row per [label, env], a column per [label, method]; with the paper's value beside each. */
function grid(title: string, all: Cell[], rows: [string, string][], columns: [string, string][], withPaper = false): string[] {
  const head = ['', ...columns.flatMap(([label]) => (withPaper ? [label, 'paper'] : [label]))];
  const lines = [`**${title}**`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const [label, env] of rows) {
    const values = columns.flatMap(([, method]) => {
      const ours = value(all.find((c) => c.env === env && c.method === method));
      return withPaper ? [ours, paper(env, method)] : [ours];
    });
    lines.push(`| ${label} | ${values.join(' | ')} |`);
  }
  return [...lines, ''];
}

const MACRO = ['bp-10', 'bp-20', 'bp-30', 'wtd-s', 'wtd-d', 'wtd-t', 'wtd-t1', 'ct-10'];
const envRows = (envs: string[]) => envs.map((e): [string, string] => [e.toUpperCase(), e]);
const stateColumns = (algo: string): [string, string][] => [['joint macro-state', algo], ['real state', `${algo} (real)`], ['terminated agents', `${algo} (terminated-macro)`]];
const TABLE1: [string, string][] = [
  ['Dec-MADDRQN', 'dec-maddrqn'], ['Cen-MADDRQN', 'cen-maddrqn'], ['AVF-VDN', 'avf-vdn'], ['AVF-QMIX', 'avf-qmix'], ['AVF-QPLEX', 'avf-qplex'], ['Mac-IAICC', 'mac-iaicc'],
];
const table1 = planCells('table1');

/** Wall seconds in a run's metrics.jsonl at `episode` (undefined when it has no such line). */
function wallAt(plan: string, id: string, episode: number): number | undefined {
  const line = readFileSync(join(here, plan, 'runs', id, 'metrics.jsonl'), 'utf8').split('\n')[episode - 1];
  return line ? (JSON.parse(line) as { wallSeconds: number }).wallSeconds : undefined;
}

/** table1-paper's runs at the paper's budget (a run copied from table1 to be extended counts once it has it);
 * one that continues table1's finished run (its metrics hold table1's episodes, wall time included) counts
 * the wall time from there on, table1's part being table1's compute. */
function paperBudgetRuns(): RunData[] {
  return runsOf('table1-paper').filter((r) => r.config.episodes === scaleEpisodes('paper', 'ct-10', r.config.algo)).map((r) => {
    const head = runsOf('table1').find((t) => t.id === r.id && t.done && t.wallSeconds !== null);
    if (head === undefined || r.wallSeconds === null || wallAt('table1-paper', r.id, head.config.episodes) !== wallAt('table1', r.id, head.config.episodes)) return r;
    return { ...r, wallSeconds: r.wallSeconds - head.wallSeconds! };
  });
}
const table1PaperRuns = paperBudgetRuns();
const table1PaperFinished = table1PaperRuns.filter((r) => r.done);
const table1Paper = cells(table1PaperFinished);
/** Box Pushing at the paper's 40 000 episodes: fig4-bp10-paper's BP-10 and bp-paper's runs, pooled, each env named
 * "<env> (40 000)" so that its row sits beside the quarter budget's in the same table. */
const paperBP = pooledCells([finishedRuns('fig4-bp10-paper'), finishedRuns('bp-paper')]).map((c) => ({ ...c, env: `${c.env} (40 000)` }));
const bpPaperRows = (envs: string[]) => envs.map((e): [string, string] => [`${e.toUpperCase()}, 40 000 episodes (paper's budget)`, `${e} (40 000)`]);
const ablations = pooledCells([finishedRuns('ablations'), finishedRuns('fig5'), finishedRuns('fig4'), table1PaperFinished]);

const out: string[] = [
  '# The paper\'s evaluation: final returns so far', '',
  'Generated by `node --import tsx results/paper/tables.ts` from the plan folders (finished runs only; "(k)": k of 3 seeds finished so far).', '',
  '**Table 1 (CT-10, 5 000 episodes; beside, the runs of `table1-paper/` at the paper\'s 20 000)**', '', '| method | avf | avf, 20 000 episodes | paper |', '|---|---|---|---|',
  ...TABLE1.map(([label, method]) => `| ${label} | ${value(table1.find((c) => c.method === method))} | ${value(table1Paper.find((c) => c.method === method))} | ${paper('ct-10', method)} |`), '',
  ...grid('Table 3 (primitive envs; 10 000 episodes on BP-10 and WTD-S, 5 000 on CT-10)', planCells('table3'), envRows(['bp-10', 'wtd-s', 'ct-10']), [['VDN', 'vdn'], ['QMIX', 'qmix'], ['QPLEX', 'qplex']], true),
  ...grid('Fig. 4 (10 000 episodes on BP and WTD-S/D, 20 000 on WTD-T/T1, unless named)', [...planCells('fig4'), ...paperBP],
    [...bpPaperRows(['bp-10', 'bp-20', 'bp-30']), ...envRows(MACRO.slice(0, 7))],
    [['AVF-VDN', 'avf-vdn'], ['AVF-QMIX', 'avf-qmix'], ['AVF-QPLEX', 'avf-qplex'], ['Dec-MADDRQN', 'dec-maddrqn']]),
  ...grid('Fig. 5 (AVF-QMIX)', [...planCells('fig5'), ...paperBP], [...bpPaperRows(['bp-10']), ...envRows(['bp-10', 'wtd-s'])], stateColumns('avf-qmix')),
  ...grid('Fig. 5 (AVF-QPLEX)', [...planCells('fig5'), ...paperBP], [...bpPaperRows(['bp-10']), ...envRows(['bp-10', 'wtd-s'])], stateColumns('avf-qplex')),
  ...grid('Fig. 8 (10 000 episodes on BP-30, 20 000 on WTD-T1, unless named)', [...planCells('fig8'), ...paperBP], [...bpPaperRows(['bp-30']), ...envRows(['bp-30', 'wtd-t1'])], [['AVF-QPLEX', 'avf-qplex'], ['Cen-MADDRQN', 'cen-maddrqn'], ['Mac-IAICC', 'mac-iaicc']]),
  ...grid('State ablations (AVF-QMIX; the quarter budgets above, the paper\'s 20 000 episodes on CT-10; with the same runs of Fig. 4, Fig. 5 and Table 1 at 20 000)', ablations, envRows(MACRO), stateColumns('avf-qmix')),
  ...grid('State ablations (AVF-QPLEX)', ablations, envRows(MACRO), stateColumns('avf-qplex')),
  ...costTable(),
];
console.log(out.join('\n'));
