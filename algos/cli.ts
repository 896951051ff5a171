// The `avf` command line (design §2): train, eval, bench. Unknown commands, flags and values are
// errors that name the problem.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALGO_IDS, STATE_MODES, defaultConfig, type TrainConfig } from './config.ts';
import { evaluate } from './evaluate.ts';
import { formatTime } from './progress.ts';
import { resume, train } from './runner.ts';
import { ENV_IDS } from '../envs/index.ts';

type Run = (args: string[]) => Promise<number>;

/** Every TrainConfig field is also a kebab-case flag (--lr, --batch-size, …). */
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const CONFIG_FIELDS = Object.keys(defaultConfig('avf-qmix', 'bp-10')) as (keyof TrainConfig)[];
const FLAG_ALIASES: Record<string, keyof TrainConfig> = { state: 'stateMode' };

const TRAIN_USAGE = `avf train --env <id> --algo <id> [options]
  --env ${ENV_IDS.join('|')}
  --algo ${ALGO_IDS.join('|')}
  --primitive                  the primitive-action version of the env
  --state ${STATE_MODES.join('|')}   mixer input (default joint-macro; the others are the paper's ablations)
  --seed N  --episodes N  --out DIR (default runs/<env>__<algo>__<seed>)
  --resume DIR                 continue the run saved in DIR (--episodes may raise its target)
  --<field> VALUE              any config field, e.g. --lr 1e-4 --batch-size 32 --start-train 100
fields: ${CONFIG_FIELDS.map(kebab).join(' ')}`;

const EVAL_USAGE = `avf eval --checkpoint runs/.../policy.avf [--episodes 100] [--seed N] [--render]`;

function parseValue(field: keyof TrainConfig, raw: string, sample: unknown): unknown {
  if (typeof sample === 'number') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new RangeError(`--${kebab(field)}: '${raw}' is not a number`);
    return v;
  }
  if (typeof sample === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new RangeError(`--${kebab(field)}: expected true or false, got '${raw}'`);
    return raw === 'true';
  }
  return raw;
}

const trainCommand: Run = async (args) => {
  const options: Record<string, { type: 'string' | 'boolean' }> = { resume: { type: 'string' }, state: { type: 'string' } };
  for (const f of CONFIG_FIELDS) options[kebab(f)] = { type: f === 'primitive' ? 'boolean' : 'string' };
  const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
  const sample = defaultConfig('avf-qmix', 'bp-10');
  const partial: Partial<TrainConfig> = {};
  for (const [flag, raw] of Object.entries(values)) {
    if (flag === 'resume') continue;
    const field = FLAG_ALIASES[flag] ?? CONFIG_FIELDS.find((f) => kebab(f) === flag)!;
    (partial as Record<string, unknown>)[field] = typeof raw === 'boolean' ? raw : parseValue(field, raw as string, sample[field]);
  }
  const hooks = { progress: true };
  let result;
  if (typeof values.resume === 'string') {
    if (!existsSync(values.resume)) throw new Error(`--resume: no run folder ${values.resume}`);
    result = await resume(values.resume, hooks, partial.episodes);
  } else {
    if (partial.env === undefined || partial.algo === undefined) throw new RangeError('avf train needs --env and --algo (avf train --help)');
    partial.out ??= `runs/${partial.env}__${partial.algo}${partial.primitive ? '-primitive' : ''}${partial.stateMode && partial.stateMode !== 'joint-macro' ? `-${partial.stateMode}` : ''}__${partial.seed ?? 0}`;
    result = await train(partial, hooks);
  }
  const last = result.evalReturns.at(-1);
  console.log(`${result.interrupted ? 'interrupted' : 'trained'}: ${result.episodes} episodes, ${result.envSteps} env steps, ${result.updates} updates in ${formatTime(result.wallSeconds)}` +
    `${last ? `; last greedy return ${last[1].toFixed(1)}` : ''}`);
  if (result.outDir) console.log(`run folder: ${result.outDir} (metrics.jsonl, curve.svg, policy.avf, training.avf)`);
  if (result.interrupted) console.log(`resume with: avf train --resume ${result.outDir}`);
  return 0;
};

const evalCommand: Run = async (args) => {
  const { values } = parseArgs({
    args, strict: true, allowPositionals: false,
    options: { checkpoint: { type: 'string' }, episodes: { type: 'string' }, seed: { type: 'string' }, render: { type: 'boolean' } },
  });
  if (values.checkpoint === undefined) throw new RangeError('avf eval needs --checkpoint (avf eval --help)');
  const episodes = values.episodes === undefined ? 100 : Number(values.episodes);
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isInteger(episodes) || episodes <= 0) throw new RangeError(`--episodes must be a positive integer, got '${values.episodes}'`);
  if (!Number.isInteger(seed)) throw new RangeError(`--seed must be an integer, got '${values.seed}'`);
  const result = await evaluate(values.checkpoint, { episodes, seed, ...(values.render ? { render: (p: string) => console.log(`${p}\n`) } : {}) });
  console.log(`${episodes} greedy episodes: mean return ${result.mean.toFixed(2)} ± ${(result.std / Math.sqrt(episodes)).toFixed(2)} (s.e.), std ${result.std.toFixed(2)}`);
  return 0;
};

const benchCommand: Run = async (args) => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${root}bench/run.ts`, ...args], { stdio: 'inherit', cwd: root });
  return r.status ?? 1;
};

const COMMANDS: Record<string, { summary: string; usage: string; run: Run }> = {
  train: { summary: 'train an algorithm on an env (progress on stderr; metrics, curve and checkpoints in the run folder)', usage: TRAIN_USAGE, run: trainCommand },
  eval: { summary: 'replay a saved policy greedily and report its mean return', usage: EVAL_USAGE, run: evalCommand },
  bench: {
    summary: 'run the benchmark suites (kernels, fused ops, canonical update, env steps) and save JSON under bench/results/',
    usage: 'avf bench [suite ...]      suites: update matmul fused elementwise envs (default: all)', run: benchCommand,
  },
};

function help(): string {
  const lines = ['avf — asynchronous multi-agent RL with value factorization', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${c.summary}`);
  lines.push('', "avf <command> --help for a command's usage");
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(help());
    return command === undefined ? 1 : 0;
  }
  const entry = COMMANDS[command];
  if (entry === undefined) {
    console.error(`avf: unknown command '${command}' (available: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(entry.usage);
    return 0;
  }
  try {
    return await entry.run(rest);
  } catch (e) {
    console.error(`avf ${command}: ${(e as Error).message}`);
    return 2;
  }
}
