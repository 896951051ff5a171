// Command-line flags of `avf train`, made from the config table (config.ts FIELDS): every field is a
// kebab-case flag with its description and default; booleans are --flag / --no-flag; numbers are
// decimal only; a flag the chosen algorithm does not read is an error. Problems throw UsageError.
import { readFileSync } from 'node:fs';
import { ALGO_IDS, ALGOS, appliesTo, defaultConfig, readersOf, resolveConfig, type AlgoId } from '../algorithms.ts';
import { FIELDS, FIELD_NAMES, type TrainConfig } from '../config.ts';
import { registeredEnvIds } from '../../envs/index.ts';

/** A problem with how the command was called (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Errors of `parse` (Node's own argument parser, config resolution) become usage errors. */
export function parseUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
}

export const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** Short names kept from the paper's vocabulary. */
const ALIASES: Partial<Record<keyof TrainConfig, string>> = { stateMode: 'state' };
export const flagOf = (field: keyof TrainConfig) => ALIASES[field] ?? kebab(field);
const FIELD_OF_FLAG = new Map(FIELD_NAMES.map((f) => [flagOf(f), f]));
const SAMPLE = defaultConfig('avf-qmix', 'bp-10');
const isBoolean = (field: keyof TrainConfig) => typeof SAMPLE[field] === 'boolean';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number (1, -2, 0.5, 1e-4); hex, octal, binary, blanks, Infinity and NaN are refused. */
export function parseDecimal(flag: string, raw: string): number {
  if (!DECIMAL.test(raw)) throw new UsageError(`--${flag}: '${raw}' is not a decimal number`);
  return Number(raw);
}

export interface TrainArgs {
  /** the config fields given (from --config, then the flags over it) */
  partial: Partial<TrainConfig>;
  /** fields set by a flag (not by --config) */
  flagged: (keyof TrainConfig)[];
  resume?: string;
  config?: string;
  envModule?: string;
  overwrite: boolean;
}

/** The extra flags of `avf train` that are not config fields. */
export const TRAIN_EXTRAS = {
  config: 'FILE: start from a JSON object of config fields (a run\'s config.json works); flags override it',
  resume: 'DIR: continue the run saved in DIR (only --episodes may change, to raise its target)',
  overwrite: 'train into a --out folder that already holds a run, replacing it',
  'env-module': 'FILE: import this ES module first (it calls registerEnv to add your own env)',
};

/** Splits argv into fields and extras; values are parsed and checked against the config table. */
export function parseTrainArgs(args: readonly string[]): TrainArgs {
  const result: TrainArgs = { partial: {}, flagged: [], overwrite: false };
  const values: Record<string, unknown> = {};
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}' (flags start with --; avf train --help)`);
    let name = arg.slice(2), inline: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) [name, inline] = [name.slice(0, eq), name.slice(eq + 1)];
    const takeValue = () => {
      if (inline !== undefined) return inline;
      const next = args[k + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      k++;
      return next;
    };
    if (name === 'overwrite') result.overwrite = true;
    else if (name === 'resume') result.resume = takeValue();
    else if (name === 'config') result.config = takeValue();
    else if (name === 'env-module') result.envModule = takeValue();
    else {
      const negated = name.startsWith('no-') && FIELD_OF_FLAG.has(name.slice(3));
      const field = FIELD_OF_FLAG.get(negated ? name.slice(3) : name);
      if (field === undefined) throw new UsageError(`unknown flag --${name} (avf train --help lists them)`);
      if (field in values) throw new UsageError(`--${flagOf(field)} is given twice`);
      if (isBoolean(field)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value (use --${flagOf(field)} or --no-${flagOf(field)})`);
        values[field] = !negated;
      } else if (negated) {
        throw new UsageError(`--${name}: --${flagOf(field)} is not a switch`);
      } else {
        const raw = takeValue();
        values[field] = typeof SAMPLE[field] === 'number' ? parseDecimal(flagOf(field), raw) : raw;
      }
    }
  }
  const fromFile = result.config === undefined ? {} : readConfigFile(result.config);
  result.partial = { ...fromFile, ...values } as Partial<TrainConfig>;
  result.flagged = Object.keys(values) as (keyof TrainConfig)[];
  return result;
}

/** The config fields in a JSON file; anything else is a UsageError naming the file. */
export function readConfigFile(path: string): Partial<TrainConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--config: cannot read ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--config: ${path} is not valid JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--config: ${path} must hold a JSON object of config fields`);
  return parsed as Partial<TrainConfig>;
}

/** The resolved config of a fresh run; a flag the algorithm does not read is an error even at its default. */
export function configFromArgs(parsed: TrainArgs): TrainConfig {
  const algo = parsed.partial.algo;
  if (algo !== undefined && !ALGO_IDS.includes(algo)) throw new UsageError(`unknown algo '${algo}' (expected one of ${ALGO_IDS.join(', ')})`);
  if (algo !== undefined) {
    for (const field of parsed.flagged) {
      if (!appliesTo(field, algo)) throw new UsageError(`--${flagOf(field)} does not apply to ${algo} (it is read by ${readersOf(field).join(', ')})`);
    }
  }
  try {
    return resolveConfig(parsed.partial);
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^config: /, ''));
  }
}

function formatDefault(value: unknown): string {
  if (typeof value === 'string') return value === '' ? "''" : value;
  return String(value);
}

/** `avf train --help`: every flag with its description and its default for (algo, env). */
export function trainHelp(algo: AlgoId = 'avf-qmix', env = 'bp-10'): string {
  const config = defaultConfig(algo, env);
  const lines = [
    'avf train --env <id> --algo <id> [flags]',
    '',
    `  --env ID         ${registeredEnvIds().join(' | ')}`,
    `  --algo ID        one of:`,
    ...ALGO_IDS.map((id) => `                     ${id.padEnd(12)} ${ALGOS[id].summary}`),
    '',
    ...Object.entries(TRAIN_EXTRAS).map(([flag, doc]) => `  --${flag.padEnd(15)}${doc}`),
    '',
    `config flags, with their defaults for --algo ${algo} --env ${env} (give both with --help to see another pair's):`,
  ];
  const skipped: string[] = [];
  for (const field of FIELD_NAMES) {
    if (field === 'env' || field === 'algo') continue;
    if (!appliesTo(field, algo)) {
      skipped.push(`--${flagOf(field)}`);
      continue;
    }
    const flag = isBoolean(field) ? `--[no-]${flagOf(field)}` : `--${flagOf(field)} ${typeof SAMPLE[field] === 'number' ? 'N' : 'VALUE'}`;
    lines.push(`  ${flag.padEnd(34)} ${FIELDS[field].doc} (default ${formatDefault(config[field])})`);
  }
  lines.push('  (without --out, a run goes to runs/<env>__<algo>[-variant]__<seed>)');
  if (skipped.length > 0) lines.push('', `not read by ${algo} (an error if given): ${skipped.join(' ')}`);
  lines.push('', 'exit codes: 0 done, 1 runtime failure, 2 usage error, 130 / 143 stopped by SIGINT / SIGTERM (checkpoint written)');
  return lines.join('\n');
}

/** The run folder name used when --out is not given. */
export function defaultOut(config: TrainConfig): string {
  const variant = `${config.primitive && !ALGOS[config.algo].primitiveOnly ? '-primitive' : ''}${config.stateMode !== 'joint-macro' && appliesTo('stateMode', config.algo) && !ALGOS[config.algo].primitiveOnly ? `-${config.stateMode}` : ''}`;
  return `runs/${config.env}__${config.algo}${variant}__${config.seed}`;
}
