// Episode bookkeeping shared by every env: reset before step, no step after the end, action checks,
// horizon truncation, and which agents read their action this step.
import type { EnvSpec, MacEnv, ResetResult, StepResult, WorldStep } from './macdec.ts';

export abstract class EpisodeEnv implements MacEnv {
  abstract readonly spec: EnvSpec;
  /** primitive steps taken in this episode */
  t = 0;
  #running = false;
  #choosing: Uint8Array | null = null;

  protected abstract resetWorld(seed: number | undefined): ResetResult;
  protected abstract stepWorld(actions: ArrayLike<number>, choosing: Uint8Array): WorldStep;
  abstract render(): string;

  reset(seed?: number): ResetResult {
    if (seed !== undefined && !Number.isFinite(seed)) throw new RangeError(`${this.spec.id}: reset seed must be a finite number, got ${seed}`);
    this.t = 0;
    this.#running = true;
    this.#choosing = new Uint8Array(this.spec.nAgents).fill(1);
    return this.resetWorld(seed);
  }

  step(actions: ArrayLike<number>): StepResult {
    const { id, nAgents, nActions, horizon } = this.spec;
    if (this.#choosing === null) throw new Error(`${id}: call reset() before step()`);
    if (!this.#running) throw new Error(`${id}: the episode has ended (terminated or reached the horizon of ${horizon}); call reset()`);
    if (actions === null || typeof actions !== 'object' || actions.length !== nAgents) {
      throw new RangeError(`${id}: expected ${nAgents} actions (one per agent), got ${actions?.length ?? actions}`);
    }
    for (let i = 0; i < nAgents; i++) {
      if (this.#choosing[i] === 0) continue; // a running macro-action ignores the action passed
      const a = actions[i];
      if (!Number.isInteger(a) || a < 0 || a >= nActions[i]) {
        throw new RangeError(`${id}: action ${a} of agent ${i} is out of range [0, ${nActions[i]})`);
      }
    }
    const world = this.stepWorld(actions, this.#choosing);
    this.t++;
    const truncated = !world.terminated && this.t >= horizon;
    if (world.terminated || truncated) this.#running = false;
    this.#choosing.set(world.macDone);
    return { ...world, truncated };
  }
}

/** Throws unless every key of `options` is one of `known`. */
export function checkOptionNames(id: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new RangeError(`${id}: unknown option '${key}' (known: ${known.join(', ')})`);
  }
}

/** A positive integer option, or the default. */
export function positiveInt(id: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new RangeError(`${id}: option ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** A finite number option, or the default. */
export function finiteNumber(id: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${id}: option ${name} must be a finite number, got ${String(value)}`);
  return value;
}

/** A boolean option, or the default. */
export function flag(id: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new RangeError(`${id}: option ${name} must be true or false, got ${String(value)}`);
  return value;
}
