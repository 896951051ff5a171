// The `avf` command line (design §2): train, eval, experiment, bench. Exit codes: 0 done, 1 runtime failure,
// 2 usage error, 130 / 143 when SIGINT / SIGTERM stopped a run (after its checkpoint was written).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate } from './evaluate.ts';
import { UsageError, configFromArgs, defaultOut, parseDecimal, parseTrainArgs, parseUsage, trainHelp } from './flags.ts';
import { formatTime } from './progress.ts';
import { resume, train, type RunResult } from './runner.ts';
import { packageRoot, version } from './version.ts';
import { ALGO_IDS, type AlgoId } from '../algorithms.ts';
import { EXPERIMENT_USAGE, experimentCommand } from '../experiments/command.ts';

type Run = (args: string[]) => Promise<number>;
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

async function importEnvModule(path: string | undefined): Promise<void> {
  if (path === undefined) return;
  if (!existsSync(path)) throw new UsageError(`--env-module: no file ${path}`);
  await import(pathToFileURL(resolve(path)).href);
}

/** A run folder that already holds a run. */
const holdsRun = (dir: string) => ['training.avf', 'metrics.jsonl', 'policy.avf'].some((f) => existsSync(join(dir, f)));

const trainCommand: Run = async (args) => {
  const parsed = parseTrainArgs(args);
  await importEnvModule(parsed.envModule);
  let result: RunResult;
  const hooks = { progress: true };
  if (parsed.resume !== undefined) {
    const others = parsed.flagged.filter((f) => f !== 'episodes');
    if (parsed.config !== undefined || others.length > 0 || parsed.overwrite) {
      throw new UsageError('--resume continues the stored config; only --episodes may be given with it');
    }
    if (!existsSync(join(parsed.resume, 'training.avf'))) throw new UsageError(`--resume: ${parsed.resume} holds no training.avf (not a run folder, or no checkpoint yet)`);
    result = await resume(parsed.resume, hooks, parsed.partial.episodes);
  } else {
    if (parsed.partial.env === undefined || parsed.partial.algo === undefined) throw new UsageError('avf train needs --env and --algo (or a --config file with both; avf train --help)');
    const config = configFromArgs(parsed);
    if (config.out === '') config.out = defaultOut(config);
    if (holdsRun(config.out) && !parsed.overwrite) {
      throw new UsageError(`${config.out} already holds a run; continue it with --resume ${config.out}, or replace it with --overwrite`);
    }
    result = await train(config, hooks);
  }
  const last = result.evalReturns.at(-1);
  console.log(`${result.stoppedBy ? `stopped by ${result.stoppedBy}` : 'trained'}: ${result.episodes} episodes, ${result.envSteps} env steps, ${result.updates} updates in ${formatTime(result.wallSeconds)}` +
    `${last ? `; last greedy return ${last[1].toFixed(1)}` : ''}`);
  if (result.outDir) console.log(`run folder: ${result.outDir} (metrics.jsonl, curve.svg, config.json, policy.avf, training.avf)`);
  if (result.stoppedBy) {
    console.log(`resume with: avf train --resume ${result.outDir}`);
    return SIGNAL_EXIT[result.stoppedBy];
  }
  return 0;
};

const EVAL_USAGE = `avf eval --checkpoint <policy.avf | run folder> [flags]
  --checkpoint PATH    a policy.avf, or a run folder holding one
  --episodes N         greedy episodes (default 100)
  --seed N             seed of the evaluation episodes (default 0)
  --render             print the world after every step of the first episode
  --env-module FILE    import this ES module first (it registers your own env)`;

const evalCommand: Run = async (args) => {
  const { values } = parseUsage(() => parseArgs({
    args, strict: true, allowPositionals: false,
    options: { checkpoint: { type: 'string' }, episodes: { type: 'string' }, seed: { type: 'string' }, render: { type: 'boolean' }, 'env-module': { type: 'string' } },
  }));
  if (values.checkpoint === undefined) throw new UsageError('avf eval needs --checkpoint (avf eval --help)');
  const episodes = values.episodes === undefined ? 100 : parseDecimal('episodes', values.episodes);
  const seed = values.seed === undefined ? 0 : parseDecimal('seed', values.seed);
  if (!Number.isInteger(episodes) || episodes <= 0) throw new UsageError(`--episodes must be a positive integer, got '${values.episodes}'`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`);
  if (!existsSync(values.checkpoint)) throw new UsageError(`--checkpoint: ${values.checkpoint} does not exist`);
  await importEnvModule(values['env-module']);
  const result = await evaluate(values.checkpoint, { episodes, seed, ...(values.render ? { render: (p: string) => console.log(`${p}\n`) } : {}) });
  console.log(`${episodes} greedy episodes: mean return ${result.mean.toFixed(2)} ± ${(result.std / Math.sqrt(episodes)).toFixed(2)} (s.e.), std ${result.std.toFixed(2)}`);
  return 0;
};

const BENCH_USAGE = `avf bench [suite ...] [--out DIR]
  suites: update matmul fused elementwise envs (default: all)
  --out DIR   where the JSON results go (default runs/bench)
Needs a clone of the repository (the benchmark sources and their dev dependencies are not in the package).`;

const benchCommand: Run = async (args) => {
  const { values, positionals } = parseUsage(() => parseArgs({ args, strict: true, allowPositionals: true, options: { out: { type: 'string' } } }));
  const root = packageRoot(), runner = join(root, 'bench', 'run.ts');
  if (!existsSync(runner) || !existsSync(join(root, 'node_modules', 'tsx'))) {
    console.error('avf bench: the benchmarks run from a clone of the avf repository with its dev dependencies ' +
      '(git clone <avf repository> && cd avf && npm ci && npx avf bench); this installed package does not ship them');
    return 1;
  }
  const plain = process.stdout.isTTY !== true;
  const env = { ...process.env, AVF_BENCH_OUT: resolve(values.out ?? 'runs/bench'), ...(plain ? { NO_COLOR: '1', FORCE_COLOR: '0' } : {}) };
  const r = spawnSync(process.execPath, ['--import', 'tsx', runner, ...positionals], { stdio: 'inherit', cwd: root, env });
  return r.status ?? 1;
};

const COMMANDS: Record<string, { summary: string; usage: (args: string[]) => string; run: Run }> = {
  train: {
    summary: 'train an algorithm on an env (progress on stderr; metrics, curve and checkpoints in the run folder)',
    usage: (args) => trainHelp(pick(args, '--algo', ALGO_IDS) as AlgoId | undefined, pick(args, '--env')), run: trainCommand,
  },
  eval: { summary: 'replay a saved policy greedily and report its mean return', usage: () => EVAL_USAGE, run: evalCommand },
  experiment: { summary: "run a plan's runs across cores or machines, and report its tables and figures", usage: () => EXPERIMENT_USAGE, run: experimentCommand },
  bench: { summary: 'run the benchmark suites (from a clone of the repository)', usage: () => BENCH_USAGE, run: benchCommand },
};

/** The value after `flag` in args (for --help with --algo / --env), if it is one of `allowed`. */
function pick(args: string[], flag: string, allowed?: readonly string[]): string | undefined {
  const at = args.indexOf(flag), value = at >= 0 ? args[at + 1] : undefined;
  return value !== undefined && (allowed === undefined || allowed.includes(value)) ? value : undefined;
}

function help(): string {
  const lines = [`avf ${version()} — asynchronous multi-agent RL with value factorization`, '', 'usage: avf <command> [flags]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${c.summary}`);
  lines.push('', "avf <command> --help    a command's flags", 'avf --version           the version');
  return lines.join('\n');
}

/** A reader that closes the pipe early (`avf experiment report DIR | head`) ends the output, not the
 * command: writes to a closed stdout are dropped instead of crashing the process (a training run piped to
 * head keeps training and checkpointing). For the command's own process only, not for embedders. */
export function dropClosedPipeWrites(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(version());
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? console.error : console.log)(help());
    return command === undefined ? 2 : 0;
  }
  const entry = COMMANDS[command];
  if (entry === undefined) {
    console.error(`avf: unknown command '${command}' (available: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    try {
      console.log(entry.usage(rest));
    } catch (e) {
      console.error(`avf ${command}: ${(e as Error).message}`);
      return 2;
    }
    return 0;
  }
  try {
    return await entry.run(rest);
  } catch (e) {
    console.error(`avf ${command}: ${(e as Error).message}`);
    return e instanceof UsageError ? 2 : 1;
  }
}
