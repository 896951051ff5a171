// Episode bookkeeping shared by every env: reset before step, no step after the end, action checks,
// horizon truncation, and which agents read their action this step.
import type { AgentSpace, EnvSpec, MacEnv, ResetResult, StepResult, WorldReset, WorldStep } from './macdec.ts';

const NO_STATE = new Float32Array(0);

export abstract class EpisodeEnv implements MacEnv {
  abstract readonly spec: EnvSpec;
  /** primitive steps taken in this episode */
  t = 0;
  /** false: step results carry an empty state (rollouts that never read it skip computing it) */
  withState = true;
  #running = false;
  #closed = false;
  #choosing: Uint8Array | null = null;

  protected abstract resetWorld(seed: number | undefined): WorldReset;
  /** The global state of the world now. */
  protected abstract computeState(): Float32Array;
  protected abstract stepWorld(actions: ArrayLike<number>, choosing: Uint8Array): WorldStep;
  abstract render(): string;

  /** The state for a step result: computed, or empty when the env was made with withState: false. */
  protected currentState(): Float32Array {
    return this.withState ? this.computeState() : NO_STATE;
  }

  reset(seed?: number): ResetResult {
    this.checkOpen();
    if (seed !== undefined && !Number.isFinite(seed)) throw new RangeError(`${this.spec.id}: reset seed must be a finite number, got ${seed}`);
    this.t = 0;
    this.#running = true;
    this.#choosing = new Uint8Array(this.spec.nAgents).fill(1);
    return { ...this.resetWorld(seed), choosing: this.#choosing.slice() };
  }

  step(actions: ArrayLike<number>): StepResult {
    this.checkOpen();
    const choosing = this.#choosing;
    if (choosing === null) throw new Error(`${this.spec.id}: call reset() before step()`);
    if (!this.#running) throw new Error(`${this.spec.id}: the episode has ended (terminated or reached the horizon of ${this.spec.horizon}); call reset()`);
    this.checkActions(actions, choosing);
    const result = this.stepWorld(actions, choosing) as StepResult;
    this.t++;
    result.truncated = !result.terminated && this.t >= this.spec.horizon;
    if (result.terminated || result.truncated) this.#running = false;
    choosing.set(result.macDone);
    result.choosing = this.#running ? result.macDone.slice() : new Uint8Array(choosing.length);
    return result;
  }

  close(): void {
    this.#closed = true;
    this.#running = false;
  }

  private checkOpen(): void {
    if (this.#closed) throw new Error(`${this.spec.id}: the env is closed`);
  }

  private checkActions(actions: ArrayLike<number>, choosing: Uint8Array): void {
    const { id, nAgents, nActions } = this.spec;
    if (actions === null || typeof actions !== 'object' || actions.length !== nAgents) {
      throw new RangeError(`${id}: expected ${nAgents} actions (one per agent), got ${actions?.length ?? actions}`);
    }
    for (let i = 0; i < nAgents; i++) {
      if (choosing[i] === 0) continue; // a running macro-action ignores the action passed
      const a = actions[i];
      if (!(Number.isInteger(a) && a >= 0 && a < nActions[i])) {
        throw new RangeError(`${id}: action ${a} of agent ${i} is out of range [0, ${nActions[i]})`);
      }
    }
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

/** Per-agent spaces from the spec's sizes and names and each agent's observation bounds. */
export function agentSpaces(
  obsDims: readonly number[], nActions: readonly number[], actionNames: readonly string[][], bounds: (i: number) => [number[], number[]],
): AgentSpace[] {
  return obsDims.map((obsDim, i) => {
    const [obsLow, obsHigh] = bounds(i);
    if (obsLow.length !== obsDim || obsHigh.length !== obsDim) throw new Error(`agent ${i}: bounds of length ${obsLow.length}/${obsHigh.length} for an observation of ${obsDim}`);
    return { obsDim, obsLow, obsHigh, nActions: nActions[i], actionNames: actionNames[i] };
  });
}

/** n copies of a value. */
export const filled = (n: number, value: number): number[] => new Array<number>(n).fill(value);
