// `avf experiment report DIR`: the paper's protocol over the run folders of a plan. A run's final
// performance is the mean of its last 10 greedy evaluations; a cell (env × method) reports the mean ±
// standard error of that over its seeds, beside the paper's value where it gives one; each seed's value and
// the change over the last quarter of the runs (is a method still rising?) are listed too. Curves: each run's
// evaluations smoothed over 10 (as the paper plots them), then mean ± s.e. over seeds at each
// evaluation episode. Writes DIR/REPORT.md, DIR/summary.csv and one SVG with a panel per env.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedSettings, settingsHash } from './plans.ts';
import type { TrainConfig } from '../config.ts';
import { smooth } from '../run/metrics.ts';
import { readDone } from '../run/run-folder.ts';
import { readReused } from './reuse.ts';
import { plotSvg, type Panel } from '../run/svg-plot.ts';
import { ENV_IDS, type EnvId } from '../../envs/index.ts';

/** Values the paper reports (mean ± s.e. over its 20 seeds), by env and method, as the paper prints them. */
export const PAPER: Record<string, Record<string, [string, string]>> = {
  'ct-10': {
    'dec-maddrqn': ['0.05', '0.02'], 'cen-maddrqn': ['0.35', '0.09'], 'avf-vdn': ['0.13', '0.05'], 'avf-qmix': ['0.26', '0.08'], 'avf-qplex': ['0.61', '0.09'], 'mac-iaicc': ['0.29', '0.06'],
    vdn: ['0.04', '0.01'], qmix: ['0.09', '0.03'], qplex: ['0.20', '0.04'],
  },
  // Table 3 (primitive envs; the reward-configuration caveat of specs/algorithms.md §10 applies)
  'bp-10': { vdn: ['-4.1', '10.5'], qmix: ['-2.0', '9.3'], qplex: ['13.4', '2.6'] },
  'wtd-s': { vdn: ['32', '4.5'], qmix: ['44', '6.2'], qplex: ['61', '5.3'] },
};

export interface RunData {
  id: string;
  config: TrainConfig;
  /** [episode, greedy return] */
  evals: [number, number][];
  done: boolean;
  /** the run's wall time from its done marker (null while unfinished) */
  wallSeconds: number | null;
  /** when it finished, ms since the epoch (null while unfinished, or a done marker without the time) */
  finishedAt: number | null;
  /** copied from another experiment folder (`--reuse`), its compute counted there */
  reused: boolean;
}

/** One line per `avf experiment run` on the folder: when it ran and what it did. */
export const RUNNER_LOG = 'runner.jsonl';

/** Mean and standard error (sample standard deviation / √n; 0 for one value). */
export function meanSe(values: readonly number[]): [number, number] {
  const n = values.length, mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return [mean, 0];
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return [mean, Math.sqrt(variance / n)];
}

/** The paper's final performance of one run: the mean of its last 10 evaluations. */
export function finalPerformance(evals: readonly [number, number][]): number {
  const last = evals.slice(-10).map(([, v]) => v);
  return last.reduce((a, b) => a + b, 0) / last.length;
}

/** How much a run still moved in its last quarter: its final performance minus the mean of the (up to) 10
 * evaluations ending three quarters of the way through its evaluations; NaN with fewer than 4 evaluations. */
export function lateChange(evals: readonly [number, number][]): number {
  if (evals.length < 4) return NaN;
  const at = Math.floor((evals.length * 3) / 4);
  const earlier = evals.slice(Math.max(0, at - 10), at).map(([, v]) => v);
  return finalPerformance(evals) - earlier.reduce((a, b) => a + b, 0) / earlier.length;
}

/** The method a run belongs to: its algorithm, with the mixer state when it is an ablation and the hash
 * of its other changed settings (as in its run id) when it has any. */
export function methodOf(config: TrainConfig): string {
  const base = config.stateMode !== 'joint-macro' && config.algo.startsWith('avf-') ? `${config.algo} (${config.stateMode})` : config.algo;
  const hash = settingsHash(config);
  return hash ? `${base} [${hash}]` : base;
}

/** Every run folder under DIR/runs with its config and evaluations. */
export function readRuns(dir: string): RunData[] {
  const root = join(dir, 'runs');
  if (!existsSync(root)) throw new Error(`${dir} holds no runs/ folder (not an experiment folder?)`);
  return readdirSync(root).sort().flatMap((id) => {
    const folder = join(root, id), configPath = join(folder, 'config.json'), metricsPath = join(folder, 'metrics.jsonl');
    if (!existsSync(configPath) || !existsSync(metricsPath)) return [];
    const evals: [number, number][] = [];
    let last = 0;
    for (const line of readFileSync(metricsPath, 'utf8').split('\n')) {
      if (line === '') continue;
      const m = JSON.parse(line) as { episode: number; evalReturn?: number };
      last = m.episode;
      if (m.evalReturn !== undefined) evals.push([m.episode, m.evalReturn]);
    }
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as TrainConfig;
    // finished: marked done, or (runs of engines before done.json) all its episodes written
    const done = readDone(folder);
    const finishedAt = Date.parse(done?.finishedAt ?? '');
    return [{
      id, config, evals, done: done !== null || last >= config.episodes, wallSeconds: done?.wallSeconds ?? null,
      finishedAt: Number.isFinite(finishedAt) ? finishedAt : null, reused: readReused(folder) !== null,
    }];
  });
}

export interface Cell {
  env: string;
  method: string;
  seeds: number;
  unfinished: number;
  episodes: number;
  final: [number, number];
  /** each run's final performance, by seed */
  perSeed: number[];
  /** mean ± s.e. over seeds of lateChange */
  late: [number, number];
  /** [episode, mean, s.e.] of the smoothed evaluations over seeds */
  curve: [number, number, number][];
}

export function cells(runs: readonly RunData[]): Cell[] {
  const groups = new Map<string, RunData[]>();
  for (const r of runs) {
    if (r.evals.length === 0) continue;
    const key = `${r.config.env}\t${methodOf(r.config)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()].map(([key, group]) => {
    const [env, method] = key.split('\t');
    group.sort((a, b) => a.config.seed - b.config.seed);
    const byEpisode = new Map<number, number[]>();
    for (const r of group) {
      const smoothed = smooth(r.evals.map(([, v]) => v));
      r.evals.forEach(([episode], k) => byEpisode.set(episode, [...(byEpisode.get(episode) ?? []), smoothed[k]]));
    }
    const curve = [...byEpisode.entries()].sort((a, b) => a[0] - b[0]).map(([episode, values]): [number, number, number] => [episode, ...meanSe(values)]);
    const perSeed = group.map((r) => finalPerformance(r.evals));
    return {
      env, method, seeds: group.length, unfinished: group.filter((r) => !r.done).length,
      episodes: Math.max(...group.map((r) => r.config.episodes)), final: meanSe(perSeed), perSeed,
      late: meanSe(group.map((r) => lateChange(r.evals))), curve,
    };
  });
}

/** The total length of a set of intervals, overlaps counted once (runners on one folder side by side). */
export function unionLength(intervals: readonly [number, number][]): number {
  let total = 0, end = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** [start, end] in ms of each runner session in runner.jsonl text; torn or foreign lines are skipped. */
export function readSessions(text: string): [number, number][] {
  return text.split('\n').flatMap((line): [number, number][] => {
    try {
      const s = JSON.parse(line) as { startedAt?: string; endedAt?: string };
      const a = Date.parse(s.startedAt ?? ''), b = Date.parse(s.endedAt ?? '');
      return Number.isFinite(a) && Number.isFinite(b) && b >= a ? [[a, b]] : [];
    } catch {
      return [];
    }
  });
}

/** What a folder's runs cost: finished runs trained here and their summed wall time, runs reused from other
 * folders, unfinished runs, and the wall time: the union (overlaps once) of the runner sessions recorded in
 * runner.jsonl and, for each run that finished outside all of them (its runner stopped by SIGKILL records
 * no session), the run's own training time ending when it finished. */
export interface Compute {
  trained: number;
  coreHours: number;
  reused: number;
  unfinished: number;
  sessions: number;
  /** finished runs trained here outside every recorded session (their training time counted as wall time) */
  unrecorded: number;
  /** hours covered by the runner sessions and the unrecorded runs; null when there are neither */
  wallHours: number | null;
  /** start of the first session or unrecorded run */
  since: Date | null;
}

export function computeOf(dir: string, runs: readonly RunData[]): Compute {
  const trained = runs.filter((r) => !r.reused && r.wallSeconds !== null);
  const log = join(dir, RUNNER_LOG);
  const sessions = existsSync(log) ? readSessions(readFileSync(log, 'utf8')) : [];
  const unrecorded = trained.flatMap((r): [number, number][] =>
    r.finishedAt !== null && !sessions.some(([a, b]) => a <= r.finishedAt! && r.finishedAt! <= b) ? [[r.finishedAt - 1000 * r.wallSeconds!, r.finishedAt]] : []);
  const spans = [...sessions, ...unrecorded];
  return {
    trained: trained.length,
    coreHours: trained.reduce((a, r) => a + (r.wallSeconds as number), 0) / 3600,
    reused: runs.filter((r) => r.reused).length,
    unfinished: runs.filter((r) => !r.done).length,
    sessions: sessions.length,
    unrecorded: unrecorded.length,
    wallHours: spans.length > 0 ? unionLength(spans) / 3_600_000 : null,
    since: spans.length > 0 ? new Date(Math.min(...spans.map(([a]) => a))) : null,
  };
}

/** Compute (the summed wall time of the runs trained in this folder) and the runner's recorded wall time. */
export function computeLines(dir: string, runs: readonly RunData[]): string[] {
  const c = computeOf(dir, runs);
  const lines = [`Compute: ${c.trained} finished run${c.trained === 1 ? '' : 's'} trained here, ${c.coreHours.toFixed(1)} core-hours (sum of their wall times)` +
    `${c.reused ? `; ${c.reused} reused from other experiment folders (their compute counted there)` : ''}${c.unfinished ? `; ${c.unfinished} unfinished` : ''}.`];
  if (c.wallHours !== null && c.since !== null) {
    const outside = `the training time of ${c.unrecorded} run${c.unrecorded === 1 ? '' : 's'} that finished outside ` +
      `${c.sessions ? 'them' : `any runner session recorded in ${RUNNER_LOG}`} (a runner stopped by SIGKILL records no session)`;
    const over = c.sessions === 0 ? `: ${outside}` : ` over ${c.sessions} runner session${c.sessions === 1 ? '' : 's'} recorded in ${RUNNER_LOG}${c.unrecorded ? ` and ${outside}` : ''}`;
    lines.push(`Wall time: ${c.wallHours.toFixed(1)} hours${over}, overlaps once (from ${c.since.toISOString().slice(0, 10)}).`);
  }
  return [...lines, ''];
}

/** A return as the reports print it: 3 significant figures or whole numbers from 100 on. */
export const fmt = (v: number) => v.toFixed(Math.abs(v) >= 99.95 ? 0 : Math.abs(v) >= 9.995 ? 1 : 2); // thresholds where rounding carries: 9.999 prints 10.0
const signed = (v: number) => (Number.isNaN(v) ? '—' : v > 0 ? `+${fmt(v)}` : fmt(v));

/** Writes REPORT.md, summary.csv and <name>.svg into dir; returns the report text. */
export function writeReport(dir: string, name = 'experiment'): string {
  const runs = readRuns(dir), all = cells(runs);
  if (all.length === 0) throw new Error(`${dir}: no run has an evaluation yet`);
  const rank = (env: string) => {
    const k = ENV_IDS.indexOf(env as EnvId);
    return k < 0 ? ENV_IDS.length : k; // the paper's order, registered envs after
  };
  const envs = [...new Set(all.map((c) => c.env))].sort((a, b) => rank(a) - rank(b));
  const lines = [`# ${name}: final performance (mean of the last 10 greedy evaluations per run; mean ± s.e. over seeds)`, ''];
  for (const env of envs) {
    lines.push(`## ${env}`, '', '| method | seeds | episodes | final return | per seed | last quarter | paper |', '|---|---|---|---|---|---|---|');
    for (const c of all.filter((x) => x.env === env)) {
      const paper = PAPER[env]?.[c.method];
      const paperText = paper ? `${paper[0]} ± ${paper[1]}` : '—';
      lines.push(`| ${c.method} | ${c.seeds}${c.unfinished ? ` (${c.unfinished} unfinished)` : ''} | ${c.episodes} | ${fmt(c.final[0])} ± ${fmt(c.final[1])} | ${c.perSeed.map(fmt).join(' / ')} | ${signed(c.late[0])} ± ${fmt(c.late[1])} | ${paperText} |`);
    }
    lines.push('');
  }
  const hashed = new Map<string, { algos: Set<string>; what: string }>(); // one hash may name the same settings of several algorithms
  for (const r of runs) {
    const hash = settingsHash(r.config);
    if (!hash) continue;
    if (!hashed.has(hash)) hashed.set(hash, { algos: new Set(), what: changedSettings(r.config).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ') });
    hashed.get(hash)!.algos.add(r.config.algo);
  }
  if (hashed.size > 0) lines.push('Settings that differ from the defaults, by hash:', '', ...[...hashed].map(([h, e]) => `- \`${h}\` ${[...e.algos].join(', ')}: ${e.what}`), '');
  lines.push('Per seed: each run\'s final return, seeds in order. Last quarter: final return minus the mean of the 10 evaluations ending',
    'three quarters of the way through the run (mean ± s.e. over seeds); clearly positive means the method was still rising at the end.', '');
  lines.push(...computeLines(dir, runs));
  lines.push(`Curves: \`${name}.svg\` (a panel per env; lines are means over seeds of each run's evaluations smoothed over 10, bands ± s.e.); data in \`summary.csv\`.`, '');
  const text = lines.join('\n');
  writeFileSync(join(dir, 'REPORT.md'), text);
  const csv = ['env,method,episode,mean,se,seeds', ...all.flatMap((c) => c.curve.map(([e, m, s]) => `${c.env},${c.method},${e},${m},${s},${c.seeds}`))];
  writeFileSync(join(dir, 'summary.csv'), csv.join('\n') + '\n');
  const panels: Panel[] = envs.map((env) => ({ title: env, series: all.filter((c) => c.env === env).map((c) => ({ label: c.method, points: c.curve })) }));
  writeFileSync(join(dir, `${name}.svg`), plotSvg(panels, { xLabel: 'training episodes', yLabel: 'greedy return', title: name }));
  return text;
}
