// `avf experiment run | report | list` (design §2): plans as commands over a shared folder. Usage errors
// throw UsageError (exit 2); failed runs make `run` exit 1 after every other run has had its turn.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PLANS, SCALES, loadPlan, resolvePlan, shardOf, type Scale } from './plans.ts';
import { checkBudgets, runPool } from './pool.ts';
import { reuseRuns } from './reuse.ts';
import { RUNNER_LOG, writeReport } from './report.ts';
import { UsageError, parseDecimal, parseUsage } from '../run/flags.ts';
import { availableParallelism } from 'node:os';

export const EXPERIMENT_USAGE = `avf experiment run <name | plan.json> --out DIR [--seeds 0,1,2 | N] [--jobs N] [--shard I/N] [--scale smoke|short|quarter|paper]
                   [--reuse DIR[,DIR…]]
avf experiment report DIR          REPORT.md (mean ± s.e. over seeds, the paper's values beside), <plan>.svg, summary.csv
avf experiment list                the named plans with their runs and budgets

  --out DIR        the experiment folder: DIR/runs/<id> per run (shared by every machine running a shard)
  --seeds LIST|N   seeds 0,1,2 (one seed: 5,) or a count N (seeds 0 … N−1); default the plan's
  --jobs N         runs at a time on this machine (default: the number of cores)
  --shard I/N      this machine's part: every N-th run from the I-th (1-based; default $SLURM_ARRAY_TASK_ID or
                   $JOB_COMPLETION_INDEX, taken as 1-based and 0-based respectively, of N given here)
  --scale S        episode budgets: paper (§9), quarter, short (a tenth), smoke (20 episodes); default the plan's or paper
  --reuse DIRS     experiment folders whose finished runs with the same config (episodes included) are copied
                   instead of trained again (reused.json names the source)
A finished run (done.json) is skipped, an unfinished one resumes from its checkpoint, a failed one is
recorded in its folder (failed.json) and retried on the next run of the plan. A run finished at fewer
episodes than the plan's is extended (from its last checkpoint, else trained again): the same result as
training the longer budget from the start. One finished at more episodes is an error: use another --out.`;

function parseSeeds(raw: string): number[] {
  if (/^\d+$/.test(raw)) {
    if (Number(raw) === 0) throw new UsageError("--seeds 0 is a count of no seeds; seed 0 alone is the list '--seeds 0,'");
    return Array.from({ length: Number(raw) }, (_, k) => k);
  }
  const seeds = raw.replace(/,\s*$/, '').split(',').map((s) => s.trim());
  if (seeds.length === 0 || !seeds.every((s) => /^-?\d+$/.test(s))) throw new UsageError(`--seeds: '${raw}' is neither a count nor a list like 0,1,2`);
  return seeds.map(Number);
}

/** I/N from --shard, or N from --shard /N… with I from the scheduler's array index. */
export function parseShard(raw: string | undefined, env: Record<string, string | undefined> = process.env): [number, number] | null {
  if (raw === undefined) return null;
  const m = /^(\d*)\/(\d+)$/.exec(raw);
  if (!m) throw new UsageError(`--shard must be I/N (e.g. 2/4), got '${raw}'`);
  const count = Number(m[2]);
  let index: number;
  if (m[1] !== '') index = Number(m[1]);
  else if (env.SLURM_ARRAY_TASK_ID !== undefined) index = Number(env.SLURM_ARRAY_TASK_ID);
  else if (env.JOB_COMPLETION_INDEX !== undefined) index = Number(env.JOB_COMPLETION_INDEX) + 1;
  else throw new UsageError('--shard /N needs I, or SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX in the environment');
  if (!(Number.isInteger(index) && index >= 1 && index <= count)) throw new UsageError(`--shard: index ${index} is not in 1..${count}`);
  return [index, count];
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: {
    out: { type: 'string' }, seeds: { type: 'string' }, jobs: { type: 'string' }, shard: { type: 'string' }, scale: { type: 'string' },
    reuse: { type: 'string' },
  } }));
  if (positionals.length !== 1) throw new UsageError('avf experiment run needs one plan: a name (avf experiment list) or a plan.json');
  if (values.out === undefined) throw new UsageError('avf experiment run needs --out DIR');
  if (values.scale !== undefined && !SCALES.includes(values.scale as Scale)) throw new UsageError(`--scale must be one of ${SCALES.join(', ')}, got '${values.scale}'`);
  const jobs = values.jobs === undefined ? availableParallelism() : parseDecimal('jobs', values.jobs);
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a positive integer, got '${values.jobs}'`);
  const plan = parseUsage(() => loadPlan(positionals[0]));
  const seeds = values.seeds === undefined ? plan.seeds : parseUsage(() => parseSeeds(values.seeds!));
  const runs = parseUsage(() => resolvePlan(plan, { seeds, ...(values.scale === undefined ? {} : { scale: values.scale as Scale }) }));
  const shard = parseShard(values.shard);
  const mine = shard ? shardOf(runs, shard[0], shard[1]) : runs;
  const sources = values.reuse === undefined ? [] : values.reuse.split(',').filter((d) => d !== '');
  for (const source of sources) if (!existsSync(join(source, 'runs'))) throw new UsageError(`--reuse: ${source} is not an experiment folder (no runs/ inside)`);
  checkBudgets(mine, values.out);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'plan.json'), JSON.stringify({ ...plan, resolved: runs.length }, null, 2) + '\n');
  const startedAt = new Date().toISOString();
  const { copied: reused, differing } = reuseRuns(mine, values.out, sources);
  if (sources.length > 0) console.error(`reused ${reused.length} finished run${reused.length === 1 ? '' : 's'} from ${sources.join(', ')}`);
  if (differing.size > 0) {
    const fields = [...new Set([...differing.values()].flat())].join(', ');
    console.error(`not reused: ${differing.size} finished run${differing.size === 1 ? '' : 's'} with the same id but another config (${fields}); they are trained here`);
  }
  // the seeds named, so that `--seeds 1` (a count: seed 0) is not taken for seed 1 unnoticed
  console.error(`plan ${plan.name}: ${runs.length} run${runs.length === 1 ? '' : 's'} (seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')})` +
    `${shard ? `, shard ${shard[0]}/${shard[1]}: ${mine.length}` : ''}; ${jobs} at a time in ${values.out}/runs`);
  const result = await runPool(mine, values.out, { jobs });
  const skipped = Math.max(0, result.skipped - reused.length); // finished here before this runner: not copied now
  appendFileSync(join(values.out, RUNNER_LOG), JSON.stringify({
    startedAt, endedAt: new Date().toISOString(), jobs, shard, scale: values.scale ?? null,
    finished: result.finished, skipped, reused: reused.length, failed: result.failed.length,
    elsewhere: result.elsewhere.length,
  }) + '\n');
  // as in runner.jsonl: a run copied from another plan's folder is counted as reused, not as already done
  console.log(`${result.finished} finished, ${reused.length ? `${reused.length} reused, ` : ''}${skipped} already done, ${result.failed.length} failed${result.failed.length ? ` (${result.failed.join(', ')}; see failed.json and log.txt in their folders)` : ''}` +
    `${result.elsewhere.length ? `, ${result.elsewhere.length} left to another runner (${result.elsewhere.join(', ')})` : ''}`);
  return result.failed.length > 0 ? 1 : 0;
}

function report(args: string[]): number {
  if (args.length !== 1) throw new UsageError('avf experiment report needs the experiment folder: avf experiment report DIR');
  const dir = args[0];
  if (!existsSync(join(dir, 'runs'))) throw new UsageError(`${dir} is not an experiment folder (no runs/ inside)`);
  const name = existsSync(join(dir, 'plan.json')) ? (JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { name: string }).name : 'experiment';
  console.log(writeReport(dir, name));
  console.log(`wrote ${join(dir, 'REPORT.md')}, ${join(dir, `${name}.svg`)}, ${join(dir, 'summary.csv')}`);
  return 0;
}

function list(): number {
  for (const plan of Object.values(PLANS)) {
    const runs = resolvePlan(plan);
    const budgets = [...new Set(runs.map((r) => `${r.config.env} ${r.config.episodes}`))].join(', ');
    console.log(`${plan.name.padEnd(10)} ${plan.description}\n           ${runs.length} runs (seeds ${plan.seeds.join(',')}); episodes at --scale paper: ${budgets}`);
  }
  return 0;
}

export async function experimentCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'run') return run(rest);
  if (sub === 'report') return report(rest);
  if (sub === 'list') return list();
  throw new UsageError(`avf experiment needs run, report or list, got '${sub ?? ''}' (avf experiment --help)`);
}
