// Environment ids mapped to their constructors (design §2).
import { BoxPushing } from './box-pushing.ts';
import { Warehouse } from './warehouse.ts';
import { CaptureTarget } from './capture-target.ts';
import type { EnvId, EnvOptions, MacEnv } from './macdec.ts';

export type { EnvId, EnvOptions, EnvSpec, MacEnv, ResetResult, StepResult, RandomSource } from './macdec.ts';
export { BoxPushing } from './box-pushing.ts';
export { Warehouse } from './warehouse.ts';
export { CaptureTarget } from './capture-target.ts';
export { SeededRandomSource } from './random-source.ts';

export const ENVS = {
  'bp-10': (options) => new BoxPushing('bp-10', 10, options),
  'bp-20': (options) => new BoxPushing('bp-20', 20, options),
  'bp-30': (options) => new BoxPushing('bp-30', 30, options),
  'wtd-s': (options) => new Warehouse('wtd-s', options),
  'wtd-d': (options) => new Warehouse('wtd-d', options),
  'wtd-t': (options) => new Warehouse('wtd-t', options),
  'wtd-t1': (options) => new Warehouse('wtd-t1', options),
  'ct-10': (options) => new CaptureTarget('ct-10', options),
} satisfies Record<EnvId, (options: EnvOptions) => MacEnv>;

export const ENV_IDS = Object.keys(ENVS) as EnvId[];

export function makeEnv(id: EnvId, options: EnvOptions = {}): MacEnv {
  const make = Object.prototype.hasOwnProperty.call(ENVS, id) ? ENVS[id as EnvId] : undefined;
  if (make === undefined) throw new RangeError(`unknown env id '${String(id)}' (available: ${ENV_IDS.join(', ')})`);
  if (options === null || typeof options !== 'object') throw new TypeError(`${id}: options must be an object`);
  return make(options);
}
