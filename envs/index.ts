// Environment ids mapped to their constructors (design §2), plus the envs users register themselves.
import { BoxPushing } from './box-pushing.ts';
import { Warehouse } from './warehouse.ts';
import { CaptureTarget } from './capture-target.ts';
import type { EnvId, EnvOptions, MacEnv } from './macdec.ts';

export type { AgentSpace, EnvId, EnvOptions, EnvSpec, MacEnv, ResetResult, StepResult, RandomSource } from './macdec.ts';
export { BoxPushing } from './box-pushing.ts';
export { Warehouse } from './warehouse.ts';
export { CaptureTarget } from './capture-target.ts';
export { SeededRandomSource } from './random-source.ts';

export type EnvFactory = (options: EnvOptions) => MacEnv;

export const ENVS = {
  'bp-10': (options) => new BoxPushing('bp-10', 10, options),
  'bp-20': (options) => new BoxPushing('bp-20', 20, options),
  'bp-30': (options) => new BoxPushing('bp-30', 30, options),
  'wtd-s': (options) => new Warehouse('wtd-s', options),
  'wtd-d': (options) => new Warehouse('wtd-d', options),
  'wtd-t': (options) => new Warehouse('wtd-t', options),
  'wtd-t1': (options) => new Warehouse('wtd-t1', options),
  'ct-10': (options) => new CaptureTarget('ct-10', options),
} satisfies Record<EnvId, EnvFactory>;

/** The built-in env ids. */
export const ENV_IDS = Object.keys(ENVS) as EnvId[];

interface Registered {
  make: EnvFactory;
  /** the built-in env whose per-env training settings a registered env uses */
  defaultsOf: EnvId;
}
const registered = new Map<string, Registered>();

/**
 * Makes `id` available to makeEnv, train() and the CLI (`--env-module`). `defaultsOf` names the built-in
 * env whose per-env training defaults suit it (default bp-10). Built-in ids cannot be replaced.
 */
export function registerEnv(id: string, make: EnvFactory, options: { defaultsOf?: EnvId } = {}): void {
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(id)) throw new RangeError(`registerEnv: id must be letters, digits, '.', '_' or '-', got '${String(id)}'`);
  if (isBuiltin(id)) throw new RangeError(`registerEnv: '${id}' is a built-in env`);
  if (typeof make !== 'function') throw new TypeError(`registerEnv: the factory of '${id}' must be a function`);
  const defaultsOf = options.defaultsOf ?? 'bp-10';
  if (!isBuiltin(defaultsOf)) throw new RangeError(`registerEnv: defaultsOf must be a built-in env id, got '${String(defaultsOf)}'`);
  registered.set(id, { make, defaultsOf });
}

const isBuiltin = (id: string): id is EnvId => Object.prototype.hasOwnProperty.call(ENVS, id);

/** True for built-in and registered env ids. */
export function isRegisteredEnv(id: string): boolean {
  return isBuiltin(id) || registered.has(id);
}

/** Built-in ids, then the registered ones. */
export function registeredEnvIds(): string[] {
  return [...ENV_IDS, ...registered.keys()];
}

/** The built-in env whose training defaults apply to `id` (itself when built in). */
export function defaultsEnvOf(id: string): EnvId {
  if (isBuiltin(id)) return id;
  const entry = registered.get(id);
  if (entry === undefined) throw new RangeError(`unknown env id '${id}' (available: ${registeredEnvIds().join(', ')})`);
  return entry.defaultsOf;
}

export function makeEnv(id: EnvId | (string & {}), options: EnvOptions = {}): MacEnv {
  const make = isBuiltin(id) ? ENVS[id] : registered.get(id)?.make;
  if (make === undefined) throw new RangeError(`unknown env id '${String(id)}' (available: ${registeredEnvIds().join(', ')})`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${id}: options must be an object`);
  return make(options);
}
