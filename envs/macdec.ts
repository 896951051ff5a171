// The MacDec-POMDP environment contract (design §2): per-agent macro-actions that end independently.
export type EnvId = 'bp-10' | 'bp-20' | 'bp-30' | 'wtd-s' | 'wtd-d' | 'wtd-t' | 'wtd-t1' | 'ct-10';

/** One agent's observation and action spaces. */
export interface AgentSpace {
  readonly obsDim: number;
  /** (O) lowest value of each observation entry (−Infinity where not known) */
  readonly obsLow: readonly number[];
  /** (O) highest value of each observation entry (Infinity where not known) */
  readonly obsHigh: readonly number[];
  /** discrete actions 0 … nActions − 1 */
  readonly nActions: number;
  readonly actionNames: readonly string[];
}

export interface EnvSpec {
  readonly id: string;
  readonly nAgents: number;
  readonly obsDims: number[];
  readonly nActions: number[];
  readonly stateDim: number;
  /** primitive steps after which the episode is truncated */
  readonly horizon: number;
  readonly primitive: boolean;
  readonly actionNames: string[][];
  /** per agent: observation length and bounds, number of actions, action names */
  readonly agents: readonly AgentSpace[];
}

export interface ResetResult {
  obs: Float32Array[]; //     per agent
  state: Float32Array; //     (S)
  choosing: Uint8Array; //    (N) 1 = the agent picks an action for the next step (all agents after reset)
}

export interface StepResult {
  obs: Float32Array[]; //   per agent; the same (unchanged) array while that agent's macro-action runs
  state: Float32Array; //   (S) global state after the step
  reward: number; //        shared team reward of this primitive step
  terminated: boolean; //   real episode end (goal reached / all tasks done), never the horizon
  truncated: boolean; //    the step count reached the horizon without termination
  macDone: Uint8Array; //   (N) 1 = the agent's macro-action ended at the end of this step
  executed: Int32Array; //  (N) macro-action each agent actually ran this step
  choosing: Uint8Array; //  (N) 1 = the agent picks an action for the next step (its macro-action ended); all 0 once the episode is over
}

export interface MacEnv {
  readonly spec: EnvSpec;
  reset(seed?: number): ResetResult;
  /** actions[i] is read only for agents whose previous macro-action ended (all agents after reset). */
  step(actions: ArrayLike<number>): StepResult;
  /** A text picture of the world; step() never prints. */
  render(): string;
  /** Releases what the env holds; reset() and step() are errors afterwards. Closing twice is allowed. */
  close(): void;
}

/** What a domain computes at reset; the base class adds `choosing`. */
export type WorldReset = Omit<ResetResult, 'choosing'>;

/** What a domain computes for one step; the base class fills in `truncated` and `choosing`. */
export interface WorldStep {
  obs: Float32Array[];
  state: Float32Array;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  macDone: Uint8Array;
  executed: Int32Array;
}

/** Semantic random draws of Capture Target (specs/envs.md §3.8), injectable so traces replay. */
export interface RandomSource {
  /** a uniform cell: x then y in [0, size) */
  cell(size: number): [number, number];
  /** one of the tied candidate directions */
  pickCandidate(candidates: readonly number[]): number;
  /** 0 = slip left, 1 = intended, 2 = slip right, with probabilities noise/2, 1 − noise, noise/2 */
  slip(noise: number): number;
  /** the target's move: uniform over the 5 directions */
  targetDirection(): number;
  /** true = the target is hidden from this agent this step */
  flicker(probability: number): boolean;
}

export interface EnvOptions {
  /** primitive-action version instead of macro-actions */
  primitive?: boolean;
  /** primitive steps per episode before truncation */
  horizon?: number;
  /** seed of the env's own randomness (Capture Target) */
  seed?: number;
  /** Capture Target: replaces the seeded source of random outcomes */
  random?: RandomSource;
  /** false: step results carry an empty state, for rollouts that never read it (default true) */
  withState?: boolean;
  /** domain parameters; each env checks the ones it knows and rejects the others */
  [parameter: string]: unknown;
}

