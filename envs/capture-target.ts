// Capture Target (specs/envs.md §3): n agents chase one target on a toroidal grid; +1 when every agent
// stands on the target's cell, which ends the episode. The target flickers out of each agent's view
// with probability 0.3; agents slip sideways with probability 0.1; the target walks at random.
// Macro version: Move_To_Target (towards the last seen target cell) and Stay; primitive: N, S, W, E, STAY.
// All randomness goes through a RandomSource (seeded by default; injectable to replay traces).
import { EpisodeEnv, agentSpaces, checkOptionNames, filled, finiteNumber, flag, positiveInt } from './base.ts';
import { TextGrid } from './grid-text.ts';
import type { EnvOptions, EnvSpec, RandomSource, WorldReset, WorldStep } from './macdec.ts';
import { SeededRandomSource } from './random-source.ts';

const DX = [0, 0, -1, 1, 0], DY = [1, -1, 0, 0, 0]; // 0 N (+y), 1 S (−y), 2 W (−x), 3 E (+x), 4 STAY
/** [slip left, intended, slip right] for each intended direction */
const SLIP = [[2, 0, 3], [3, 1, 2], [1, 2, 0], [0, 3, 1], [4, 4, 4]];
const STAY_MACRO = 1;

export interface CaptureTargetOptions {
  primitive: boolean;
  horizon: number;
  nAgents: number;
  gridSize: number;
  flickerProb: number;
  agentNoise: number;
  targetNoise: number;
  seed: number;
  /** fix: the primitive observation is divided by the grid size (as the macro one) instead of mean(0..L−1) */
  fixPrimitiveObsScale: boolean;
}

function probability(id: string, name: string, value: unknown, fallback: number): number {
  const p = finiteNumber(id, name, value, fallback);
  if (p < 0 || p > 1) throw new RangeError(`${id}: option ${name} must lie in [0, 1], got ${p}`);
  return p;
}

function parseOptions(id: string, options: EnvOptions): CaptureTargetOptions {
  checkOptionNames(id, options, ['withState', 'primitive', 'horizon', 'nAgents', 'gridSize', 'flickerProb', 'agentNoise', 'targetNoise', 'seed', 'random', 'fixPrimitiveObsScale']);
  const gridSize = positiveInt(id, 'gridSize', options.gridSize, 10);
  if (gridSize < 2) throw new RangeError(`${id}: option gridSize must be at least 2, got ${gridSize}`);
  return {
    primitive: flag(id, 'primitive', options.primitive, false),
    horizon: positiveInt(id, 'horizon', options.horizon, 60),
    nAgents: positiveInt(id, 'nAgents', options.nAgents, 10),
    gridSize,
    flickerProb: probability(id, 'flickerProb', options.flickerProb, 0.3),
    agentNoise: probability(id, 'agentNoise', options.agentNoise, 0.1),
    targetNoise: probability(id, 'targetNoise', options.targetNoise, 0),
    seed: finiteNumber(id, 'seed', options.seed, 0),
    fixPrimitiveObsScale: flag(id, 'fixPrimitiveObsScale', options.fixPrimitiveObsScale, false),
  };
}

export class CaptureTarget extends EpisodeEnv {
  readonly spec: EnvSpec;
  readonly options: CaptureTargetOptions;
  readonly random: RandomSource;
  readonly N: number;
  readonly L: number;
  /** observation divisor: L (macro) or mean(0..L−1) (primitive reference) */
  readonly scale: number;
  readonly ax: Int32Array;
  readonly ay: Int32Array;
  tx = 0;
  ty = 0;
  // the latest per-step ("primitive") observation of the target: visible flag and normalised cell (float64)
  readonly seen: Uint8Array;
  readonly seenX: Float64Array;
  readonly seenY: Float64Array;
  // macro-action state
  readonly current: Int32Array;
  readonly done: Uint8Array;
  readonly goalX: Float64Array; // last goal (NaN = never seen)
  readonly goalY: Float64Array;
  obs: Float32Array[] = [];

  constructor(id: string, options: EnvOptions = {}) {
    super();
    this.withState = flag(id, 'withState', options.withState, true);
    this.options = parseOptions(id, options);
    const { nAgents: N, gridSize: L, primitive } = this.options;
    this.N = N;
    this.L = L;
    this.scale = primitive && !this.options.fixPrimitiveObsScale ? (L - 1) / 2 : L;
    const names = primitive ? ['N', 'S', 'W', 'E', 'STAY'] : ['Move_To_Target', 'Stay'];
    const obsDims = new Array(N).fill(4), nActions = new Array(N).fill(names.length), actionNames = new Array(N).fill(names);
    const top = (L - 1) / this.scale; // own cell, then the target's (−1, −1 while it flickers away)
    this.spec = {
      id, nAgents: N, obsDims, nActions, stateDim: 2 * N + 2, horizon: this.options.horizon, primitive, actionNames,
      agents: agentSpaces(obsDims, nActions, actionNames, () => [[0, 0, -1, -1], filled(4, top)]),
    };
    if (options.random !== undefined && (typeof options.random !== 'object' || options.random === null)) {
      throw new TypeError(`${id}: option random must be a RandomSource object`);
    }
    this.random = (options.random as RandomSource | undefined) ?? new SeededRandomSource(this.options.seed);
    this.ax = new Int32Array(N);
    this.ay = new Int32Array(N);
    this.seen = new Uint8Array(N);
    this.seenX = new Float64Array(N);
    this.seenY = new Float64Array(N);
    this.current = new Int32Array(N);
    this.done = new Uint8Array(N);
    this.goalX = new Float64Array(N);
    this.goalY = new Float64Array(N);
  }

  /** reset(seed) reseeds the default random source; an injected source is used as it is. */
  protected resetWorld(seed: number | undefined): WorldReset {
    if (seed !== undefined && this.random instanceof SeededRandomSource) this.random.reseed(seed);
    const { N, L, random } = this;
    const placeTarget = () => ([this.tx, this.ty] = random.cell(L));
    if (this.options.primitive) placeTarget();
    for (let i = 0; i < N; i++) [this.ax[i], this.ay[i]] = random.cell(L);
    if (!this.options.primitive) placeTarget();
    this.current.fill(-1);
    this.done.fill(1);
    this.goalX.fill(NaN);
    this.goalY.fill(NaN);
    this.observeTarget();
    this.obs = Array.from({ length: N }, (_, i) => this.observation(i));
    return { obs: this.obs.slice(), state: this.currentState() };
  }

  protected stepWorld(actions: ArrayLike<number>): WorldStep {
    const { N, options } = this;
    const executed = new Int32Array(N);
    if (options.primitive) {
      for (let i = 0; i < N; i++) {
        executed[i] = actions[i];
        this.moveAgent(i, actions[i]);
      }
    } else {
      for (let i = 0; i < N; i++) executed[i] = this.macroStep(i, this.done[i] ? actions[i] : this.current[i]);
    }
    if (!this.captured()) {
      const d = SLIP[this.random.targetDirection()][this.random.slip(options.targetNoise)];
      this.tx = this.wrap(this.tx + DX[d]);
      this.ty = this.wrap(this.ty + DY[d]);
    }
    const won = this.captured();
    this.observeTarget();
    const macDone = options.primitive ? new Uint8Array(N).fill(1) : this.done.slice();
    for (let i = 0; i < N; i++) if (macDone[i]) this.obs[i] = this.observation(i);
    return { obs: this.obs.slice(), state: this.currentState(), reward: won ? 1 : 0, terminated: won, truncated: false, macDone, executed };
  }

  private wrap(v: number): number {
    return ((v % this.L) + this.L) % this.L;
  }

  /** Moves agent i in direction d with slip noise. */
  private moveAgent(i: number, d: number): void {
    const actual = SLIP[d][this.random.slip(this.options.agentNoise)];
    this.ax[i] = this.wrap(this.ax[i] + DX[actual]);
    this.ay[i] = this.wrap(this.ay[i] + DY[actual]);
  }

  /** One step of agent i's macro-action a; returns a. */
  private macroStep(i: number, a: number): number {
    this.current[i] = a;
    this.done[i] = 0;
    if (a === STAY_MACRO) {
      this.done[i] = 1;
      return a;
    }
    // Move_To_Target: the target cell as last observed (the reference multiplies the normalised
    // observation back by L, in float64, so goals can be off integers by an ulp), else the last goal.
    let gx = this.goalX[i], gy = this.goalY[i];
    if (this.seen[i]) {
      gx = this.seenX[i] * this.L;
      gy = this.seenY[i] * this.L;
    } else if (Number.isNaN(gx)) {
      this.done[i] = 1; // never seen the target: nothing to move to
      return a;
    }
    this.stepTowards(i, gx, gy);
    if (this.seen[i]) {
      this.goalX[i] = gx;
      this.goalY[i] = gy;
    }
    return a;
  }

  /** A random choice among the directions whose wrapped neighbour is closest (plain Euclidean) to the goal. */
  private stepTowards(i: number, gx: number, gy: number): void {
    const distances = DX.map((dx, d) => {
      const ex = gx - this.wrap(this.ax[i] + dx), ey = gy - this.wrap(this.ay[i] + DY[d]);
      return Math.sqrt(ex * ex + ey * ey);
    });
    const best = Math.min(...distances);
    const candidates: number[] = [];
    distances.forEach((h, d) => { if (h === best) candidates.push(d); });
    this.moveAgent(i, this.random.pickCandidate(candidates));
    const ex = gx - this.ax[i], ey = gy - this.ay[i];
    if (Math.sqrt(ex * ex + ey * ey) < 0.1) this.done[i] = 1;
  }

  private captured(): boolean {
    for (let i = 0; i < this.N; i++) if (this.ax[i] !== this.tx || this.ay[i] !== this.ty) return false;
    return true;
  }

  /** A fresh observation of the target for every agent, each hidden with the flicker probability. */
  private observeTarget(): void {
    for (let i = 0; i < this.N; i++) {
      const hidden = this.random.flicker(this.options.flickerProb);
      this.seen[i] = hidden ? 0 : 1;
      this.seenX[i] = hidden ? -1 : this.tx / this.scale;
      this.seenY[i] = hidden ? -1 : this.ty / this.scale;
    }
  }

  /** [own x, own y, target x, target y] normalised; the target part is (−1, −1) when flickered. */
  private observation(i: number): Float32Array {
    return Float32Array.of(this.ax[i] / this.scale, this.ay[i] / this.scale, this.seenX[i], this.seenY[i]);
  }

  /** Proposed state (not in the reference): agents (x/L, y/L), then the target (x/L, y/L). */
  protected computeState(): Float32Array {
    const s = new Float32Array(2 * this.N + 2);
    for (let i = 0; i < this.N; i++) {
      s[2 * i] = this.ax[i] / this.L;
      s[2 * i + 1] = this.ay[i] / this.L;
    }
    s[2 * this.N] = this.tx / this.L;
    s[2 * this.N + 1] = this.ty / this.L;
    return s;
  }

  render(): string {
    const grid = new TextGrid(this.L, this.L);
    const counts = new Map<string, number>();
    for (let i = 0; i < this.N; i++) counts.set(`${this.ax[i]},${this.ay[i]}`, (counts.get(`${this.ax[i]},${this.ay[i]}`) ?? 0) + 1);
    for (const [key, n] of counts) {
      const [x, y] = key.split(',').map(Number);
      grid.put(x, y, n > 9 ? '+' : String(n));
    }
    grid.put(this.tx, this.ty, counts.has(`${this.tx},${this.ty}`) ? '*' : 'T');
    return `${this.spec.id} t=${this.t}  (digits: agents per cell, T target, * target with agents)\n${grid}`;
  }
}
