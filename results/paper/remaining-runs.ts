// The runs left in each plan of the reproduction (seeds 0-2, the commands of README.md), in the order of work, each with
// an estimate of its core-hours: the mean wall time of finished runs (avf 0.2.0, else 0.1.0) with the same env, algo,
// primitive, stateMode and episodes, times the part still to train of a run carried over a session's stop
// (carry/<folder>/<id>: its run folder with its training checkpoint, see README.md). Read by remaining.ts (the list)
// and session.ts (a session's two queues).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainConfig } from '../../algos/config.ts';
import { expandGrid, loadPlan, resolvePlan, type Plan, type PlanRun, type Scale } from '../../algos/experiments/plans.ts';
import { readRuns, type RunData } from '../../algos/experiments/report.ts';
import { readDone } from '../../algos/run/run-folder.ts';

export const HERE = new URL('.', import.meta.url).pathname;
/** part-way runs carried over a stop: carry/<plan folder>/<run id>/ */
export const CARRY = join(HERE, 'carry');

export interface PlanEntry {
  /** folder under results/paper */
  folder: string;
  /** a named plan or a plan file (path relative to the repository) */
  plan: string;
  scale?: Scale;
  /** folders whose finished runs the plan's command copies (--reuse) */
  reuse: string[];
}

/** The plans in the order of work (results/paper/README.md, Compute plan). */
export const PLANS: PlanEntry[] = [
  { folder: 'table1-paper', plan: 'results/paper/table1-paper/plan-file.json', scale: 'paper', reuse: [] },
  { folder: 'table3', plan: 'table3', scale: 'quarter', reuse: [] },
  { folder: 'fig5', plan: 'fig5', scale: 'quarter', reuse: ['fig4'] },
  { folder: 'fig8', plan: 'fig8', scale: 'quarter', reuse: ['fig4'] },
  { folder: 'fig4', plan: 'fig4', scale: 'quarter', reuse: ['fig5', 'fig8'] },
  { folder: 'ablations', plan: 'results/paper/ablations/plan-file.json', reuse: ['fig4', 'fig5', 'table1-paper'] },
  { folder: 'bp-paper', plan: 'results/paper/bp-paper/plan-file.json', reuse: ['fig4-bp10-paper'] },
];

export interface LeftRun {
  entry: PlanEntry;
  plan: Plan;
  id: string;
  config: TrainConfig;
  /** the plan line's grid row that makes this run (seed and episodes aside) */
  row: PlanRun;
  /** estimated core-hours; null when no finished run has its env, algo, state and episodes */
  hours: number | null;
  /** finished in one of the plan's --reuse folders: its command copies it, no training */
  copy: boolean;
  /** an earlier plan trains (or copies) the same run: counted there */
  counted: boolean;
  /** episodes already trained in its carried folder (0: none); `hours` counts only the rest */
  carried: number;
}

/** The last episode in a carried run folder's metrics, 0 when there is none. */
function carriedEpisodes(folder: string, id: string): number {
  const metrics = join(CARRY, folder, id, 'metrics.jsonl');
  if (!existsSync(metrics)) return 0;
  const lines = readFileSync(metrics, 'utf8').trim().split('\n');
  return (JSON.parse(lines[lines.length - 1]) as { episode: number }).episode;
}

const key = (c: TrainConfig) => [c.env, c.algo, c.primitive, c.stateMode, c.episodes].join('|');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const planPath = (plan: string) => (plan.includes('/') ? join(HERE, '../..', plan) : plan);

/** Every run of every plan not yet finished in its folder, in the order of work. */
export function remainingRuns(): LeftRun[] {
  const finished = new Map<string, RunData[]>();
  for (const p of readdirSync(HERE)) {
    if (existsSync(join(HERE, p, 'runs'))) finished.set(p, readRuns(join(HERE, p)).filter((r) => r.done));
  }
  // hours of every run trained in its own folder, by engine version
  const hours = { current: new Map<string, number[]>(), older: new Map<string, number[]>() };
  for (const [p, runs] of finished) {
    for (const r of runs) {
      if (r.reused || r.wallSeconds === null) continue;
      const m = readDone(join(HERE, p, 'runs', r.id))?.avf === '0.2.0' ? hours.current : hours.older;
      const k = key(r.config);
      m.set(k, [...(m.get(k) ?? []), r.wallSeconds / 3600]);
    }
  }
  const estimate = (c: TrainConfig) => {
    const t = hours.current.get(key(c)) ?? hours.older.get(key(c)) ?? hours.current.get(key({ ...c, stateMode: 'joint-macro' }));
    return t ? mean(t) : null;
  };

  const counted = new Set<string>();
  const left: LeftRun[] = [];
  for (const entry of PLANS) {
    const plan = loadPlan(planPath(entry.plan));
    const own = new Set((finished.get(entry.folder) ?? []).map((r) => r.id));
    const elsewhere = new Set(entry.reuse.flatMap((p) => (finished.get(p) ?? []).map((r) => r.id)));
    // the plan's runs, each resolved from its own grid row (which the one-run plan files of session.ts need), by id
    const runs = plan.runs.flatMap((line) => (expandGrid(line) as PlanRun[]).flatMap((row) =>
      resolvePlan({ ...plan, runs: [row] }, { seeds: [0, 1, 2], ...(entry.scale ? { scale: entry.scale } : {}) }).map((r) => ({ ...r, row }))));
    runs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const r of runs) {
      if (own.has(r.id)) continue;
      const carried = carriedEpisodes(entry.folder, r.id), full = estimate(r.config);
      const hours = full === null ? null : full * (1 - carried / r.config.episodes);
      left.push({ entry, plan, id: r.id, config: r.config, row: r.row, hours, copy: elsewhere.has(r.id), counted: counted.has(r.id), carried });
      counted.add(r.id);
    }
  }
  return left;
}
