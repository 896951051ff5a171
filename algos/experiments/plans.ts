// Experiment plans (design §2): the paper's tables and figures as named plans, plan files, and their
// resolution into runs — each a validated config and a readable id derived from it, so a plan always
// resolves to the same runs and a rerun finds their folders again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ALGOS, defaultConfig, resolveConfig, type AlgoId, type Algorithm } from '../algorithms.ts';
import type { TrainConfig } from '../config.ts';
import { ENV_IDS, type EnvId } from '../../envs/index.ts';

/** One line of a plan: env and algo plus any config fields as written in a run's config.json; an array value is a grid axis. */
export type PlanRun = { env: EnvId | EnvId[]; algo: AlgoId | AlgoId[] } & Record<string, unknown>;

export interface Plan {
  name: string;
  /** what it reproduces (for `avf experiment list`) */
  description?: string;
  seeds: number[];
  /** episodes per run: one number, or per env id; absent = the paper's budget (each algorithm's default) */
  episodes?: number | Record<string, number>;
  runs: PlanRun[];
}

export type Scale = 'smoke' | 'short' | 'quarter' | 'paper';
export const SCALES: readonly Scale[] = ['smoke', 'short', 'quarter', 'paper'];

/**
 * Episodes per env at each scale: paper = §9's budgets, quarter = a quarter of them (past the end of ε's decay
 * on BP, CT-10 and WTD-T/T1; on WTD-S/D the AVF methods' ε is still 0.24 at 10 000), short = a tenth, smoke = seconds.
 */
export function scaleEpisodes(scale: Scale, env: EnvId, algo: AlgoId): number {
  const paper = defaultConfig(algo, env).episodes;
  return scale === 'paper' ? paper : scale === 'quarter' ? paper / 4 : scale === 'short' ? paper / 10 : 20;
}

const MACRO_ENVS: EnvId[] = ['bp-10', 'bp-20', 'bp-30', 'wtd-s', 'wtd-d', 'wtd-t', 'wtd-t1', 'ct-10'];
const STATE_MODES = ['joint-macro', 'real', 'terminated-macro'];

export const PLANS: Record<string, Plan> = {
  table1: {
    name: 'table1', description: 'Table 1: CT-10, every macro-action method', seeds: [0, 1, 2],
    runs: [{ env: 'ct-10', algo: ['dec-maddrqn', 'cen-maddrqn', 'avf-vdn', 'avf-qmix', 'avf-qplex', 'mac-iaicc'] }],
  },
  table3: {
    name: 'table3', description: 'Table 3: synchronous VDN / QMIX / QPLEX on the primitive BP-10, WTD-S, CT-10', seeds: [0, 1, 2],
    runs: [{ env: ['bp-10', 'wtd-s', 'ct-10'], algo: ['vdn', 'qmix', 'qplex'] }],
  },
  fig4: {
    name: 'fig4', description: 'Fig. 4: Dec-MADDRQN and AVF-VDN / QMIX / QPLEX on BP-10/20/30 and WTD-S/D/T/T1', seeds: [0, 1, 2],
    runs: [{ env: ['bp-10', 'bp-20', 'bp-30', 'wtd-s', 'wtd-d', 'wtd-t', 'wtd-t1'], algo: ['dec-maddrqn', 'avf-vdn', 'avf-qmix', 'avf-qplex'] }],
  },
  fig5: {
    name: 'fig5', description: 'Fig. 5: the mixer state — joint macro-state, real state, terminated agents only — on BP-10 and WTD-S', seeds: [0, 1, 2],
    runs: [{ env: ['bp-10', 'wtd-s'], algo: ['avf-qmix', 'avf-qplex'], stateMode: STATE_MODES }],
  },
  fig8: {
    name: 'fig8', description: 'Fig. 8: AVF-QPLEX against Cen-MADDRQN and Mac-IAICC on BP-30 and WTD-T1', seeds: [0, 1, 2],
    runs: [{ env: ['bp-30', 'wtd-t1'], algo: ['avf-qplex', 'cen-maddrqn', 'mac-iaicc'] }],
  },
  ablations: {
    name: 'ablations', description: 'beyond the paper: the three mixer states x AVF-QMIX / QPLEX on every macro env', seeds: [0, 1, 2],
    runs: [{ env: MACRO_ENVS, algo: ['avf-qmix', 'avf-qplex'], stateMode: STATE_MODES }],
  },
};

export interface ResolvedRun {
  id: string;
  config: TrainConfig;
}

/** The grid of a plan line: one run line per combination of its array-valued fields. */
export function expandGrid(line: PlanRun): Record<string, unknown>[] {
  let rows: Record<string, unknown>[] = [{}];
  for (const [key, value] of Object.entries(line)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) throw new RangeError(`plan: field ${key} has an empty list`);
    rows = rows.flatMap((row) => values.map((v) => ({ ...row, [key]: v })));
  }
  return rows;
}

/** Fields that never enter a run's id: where it goes, how often it checkpoints, how long it runs. */
const NOT_IN_ID = new Set(['env', 'algo', 'seed', 'stateMode', 'primitive', 'episodes', 'out', 'checkpointEvery', 'checkpointSeconds']);

/** The fields of a run that differ from its algorithm's defaults, sorted, leaving out those that never enter its id. */
export function changedSettings(config: TrainConfig): [string, unknown][] {
  const defaults = defaultConfig(config.algo, config.env);
  return Object.keys(config).sort()
    .filter((k) => !NOT_IN_ID.has(k) && JSON.stringify(config[k as keyof TrainConfig]) !== JSON.stringify(defaults[k as keyof TrainConfig]))
    .map((k) => [k, config[k as keyof TrainConfig]]);
}

/** 6 hex digits naming the changed settings, or null when there are none. */
export function settingsHash(config: TrainConfig): string | null {
  const changed = changedSettings(config);
  return changed.length === 0 ? null : createHash('sha256').update(JSON.stringify(changed)).digest('hex').slice(0, 6);
}

/** `bp-10__avf-qplex__real__s0`, plus `__<6 hex>` of any other field that differs from the algorithm's default. */
export function runId(config: TrainConfig): string {
  const entry: Algorithm = ALGOS[config.algo];
  const parts = [config.env, config.algo];
  if (entry.scopes.includes('factorized') && !entry.primitiveOnly && config.stateMode !== 'joint-macro') parts.push(config.stateMode);
  if (config.primitive && !entry.primitiveOnly) parts.push('primitive');
  parts.push(`s${config.seed}`);
  const hash = settingsHash(config);
  if (hash !== null) parts.push(hash);
  return parts.join('__');
}

export interface ResolveOptions {
  seeds?: number[];
  scale?: Scale;
}

/** Every run of a plan, sorted by id; bad fields, unknown envs or algorithms and duplicate runs are errors that name them. */
export function resolvePlan(plan: Plan, options: ResolveOptions = {}): ResolvedRun[] {
  const seeds = options.seeds ?? plan.seeds;
  const runs = new Map<string, ResolvedRun>();
  plan.runs.forEach((line, k) => {
    for (const row of expandGrid(line)) {
      for (const seed of seeds) {
        const env = row.env as EnvId, algo = row.algo as AlgoId;
        if (!ENV_IDS.includes(env)) throw new RangeError(`plan ${plan.name}, runs[${k}]: unknown env '${String(env)}'`);
        const episodes = options.scale !== undefined ? scaleEpisodes(options.scale, env, algo)
          : typeof plan.episodes === 'number' ? plan.episodes : plan.episodes?.[env];
        let config: TrainConfig;
        try {
          config = resolveConfig({ ...row, seed, ...(episodes === undefined ? {} : { episodes }) } as Partial<TrainConfig>);
        } catch (e) {
          throw new RangeError(`plan ${plan.name}, runs[${k}]: ${(e as Error).message.replace(/^config: /, '')}`);
        }
        if (options.scale === 'smoke') config.evalEvery = Math.min(config.evalEvery, 10);
        const id = runId(config);
        if (runs.has(id)) throw new RangeError(`plan ${plan.name}: run ${id} appears twice`);
        runs.set(id, { id, config });
      }
    }
  });
  return [...runs.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A named plan, or a plan file (JSON); its shape is checked and problems are named. */
export function loadPlan(nameOrPath: string): Plan {
  if (Object.prototype.hasOwnProperty.call(PLANS, nameOrPath)) return PLANS[nameOrPath];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(nameOrPath, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new RangeError(`'${nameOrPath}' is neither a named plan (${Object.keys(PLANS).join(', ')}) nor a readable plan file (${why})`);
  }
  const p = parsed as Partial<Plan>;
  if (p === null || typeof p !== 'object') throw new RangeError(`${nameOrPath}: a plan is a JSON object`);
  if (typeof p.name !== 'string' || p.name === '') throw new RangeError(`${nameOrPath}: "name" must be a non-empty string`);
  if (!Array.isArray(p.seeds) || p.seeds.length === 0 || !p.seeds.every(Number.isInteger)) throw new RangeError(`${nameOrPath}: "seeds" must be a non-empty list of integers`);
  if (!Array.isArray(p.runs) || p.runs.length === 0) throw new RangeError(`${nameOrPath}: "runs" must be a non-empty list`);
  p.runs.forEach((r, k) => {
    if (r === null || typeof r !== 'object' || r.env === undefined || r.algo === undefined) throw new RangeError(`${nameOrPath}: runs[${k}] needs "env" and "algo"`);
  });
  const e = p.episodes;
  if (e !== undefined && !(Number.isInteger(e) && (e as number) > 0) && !(typeof e === 'object' && Object.values(e).every((v) => Number.isInteger(v) && v > 0))) {
    throw new RangeError(`${nameOrPath}: "episodes" must be a positive integer or an object of env id -> positive integer`);
  }
  const known = new Set(['name', 'description', 'seeds', 'episodes', 'runs']);
  for (const key of Object.keys(p)) if (!known.has(key)) throw new RangeError(`${nameOrPath}: unknown plan field "${key}"`);
  return p as Plan;
}

/** The runs of shard `index` (1-based) of `count`: every count-th run of the id-sorted list. */
export function shardOf<T>(runs: readonly T[], index: number, count: number): T[] {
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 1 && index <= count)) {
    throw new RangeError(`shard must be I/N with 1 <= I <= N, got ${index}/${count}`);
  }
  return runs.filter((_, k) => k % count === index - 1);
}
