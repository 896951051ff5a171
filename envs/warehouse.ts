// Warehouse Tool Delivery (specs/envs.md §2): mobile robots fetch tools from a manipulator in the tool
// room and deliver them to humans working through 4 phases; −1 per step, +100 per delivery (+80 late),
// −10 per failed pass; the episode ends when every human has its phase-2 tool.
// Agents: mobile robots 0..M−1, then the manipulator. Reference behaviour and quirks by default.
import { EpisodeEnv, agentSpaces, checkOptionNames, filled, finiteNumber, flag, positiveInt } from './base.ts';
import type { EnvOptions, EnvSpec, WorldReset, WorldStep } from './macdec.ts';
import { round2 } from './round.ts';
import { WAREHOUSE_LAYOUTS, type WarehouseId, type WarehouseLayout } from './warehouse-layouts.ts';

const TOOLS = 3, PHASES = 4, WAIT = 0;

export interface WarehouseOptions {
  primitive: boolean;
  horizon: number;
  /** mobile robot speed, distance units per step */
  speed: number;
  passDuration: number;
  searchDuration: number;
  stepCost: number;
  deliveryReward: number;
  /** added to the delivery reward when the human was already waiting */
  delayPenalty: number;
  /** failed pass */
  dropPenalty: number;
  /** fix: WTD-S uses the other variants' rules (10-step timeout, late at ≤ 0, completed fraction in the state) */
  fixSingleRoomRules: boolean;
  /** fix: every pass is checked at its start (the reference skips mobile 2 in WTD-T1) */
  fixPassCheck: boolean;
  /** fix: choosing Get_Tool again restarts its waiting count */
  fixGetToolCounter: boolean;
  /** fix: x positions in the state are divided by the room's real width (9 in WTD-T / T1, not 7) */
  fixPositionScale: boolean;
}

const DEFAULTS: WarehouseOptions = {
  primitive: false, horizon: 150, speed: 0.8, passDuration: 4, searchDuration: 6, stepCost: -1, deliveryReward: 100,
  delayPenalty: -20, dropPenalty: -10, fixSingleRoomRules: false, fixPassCheck: false, fixGetToolCounter: false, fixPositionScale: false,
};

function parseOptions(id: string, options: EnvOptions): WarehouseOptions {
  checkOptionNames(id, options, ['seed', 'withState', ...Object.keys(DEFAULTS)]);
  const number = (name: keyof WarehouseOptions) => finiteNumber(id, name, options[name], DEFAULTS[name] as number);
  const speed = number('speed');
  if (!(speed > 0)) throw new RangeError(`${id}: option speed must be positive, got ${speed}`);
  return {
    primitive: flag(id, 'primitive', options.primitive, false),
    horizon: positiveInt(id, 'horizon', options.horizon, DEFAULTS.horizon),
    speed,
    passDuration: positiveInt(id, 'passDuration', options.passDuration, DEFAULTS.passDuration),
    searchDuration: positiveInt(id, 'searchDuration', options.searchDuration, DEFAULTS.searchDuration),
    stepCost: number('stepCost'), deliveryReward: number('deliveryReward'), delayPenalty: number('delayPenalty'), dropPenalty: number('dropPenalty'),
    fixSingleRoomRules: flag(id, 'fixSingleRoomRules', options.fixSingleRoomRules, false),
    fixPassCheck: flag(id, 'fixPassCheck', options.fixPassCheck, false),
    fixGetToolCounter: flag(id, 'fixGetToolCounter', options.fixGetToolCounter, false),
    fixPositionScale: flag(id, 'fixPositionScale', options.fixPositionScale, false),
  };
}

interface Human { phase: number; timeLeft: number; nextTool: number; obtained: boolean; finished: boolean; served: boolean }

export class Warehouse extends EpisodeEnv {
  readonly spec: EnvSpec;
  readonly options: WarehouseOptions;
  readonly layout: WarehouseLayout;
  readonly M: number; // mobile robots
  readonly H: number; // humans = workshops
  // mobile robots
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly waypoint: Int32Array; // last reached (−1 none): workshop 0..H−1, wait spot H, own table H+1
  readonly current: Int32Array;
  readonly done: Uint8Array;
  /** > 0 distance left while travelling, 0 on arrival, < 0 waiting steps at the table */
  readonly counter: Float64Array;
  readonly basket: Float64Array; // (M, 3)
  // manipulator
  manipCurrent = -1;
  manipDone = true;
  manipLeft = 0;
  staging: number[] = [];
  readonly found = new Float64Array(TOOLS);
  readonly ready = new Float64Array(2);
  servingFailed = false;
  humans: Human[] = [];
  obs: Float32Array[] = [];

  constructor(id: WarehouseId, options: EnvOptions = {}) {
    super();
    this.withState = flag(id, 'withState', options.withState, true);
    this.options = parseOptions(id, options);
    const layout = (this.layout = WAREHOUSE_LAYOUTS[id]);
    const M = (this.M = layout.tables.length), H = (this.H = layout.humans.length);
    const mobileNames = [...layout.humans.map((_, h) => `Go_WA${h}`), 'Go_Tool_Room', 'Get_Tool'];
    const manipNames = ['Wait_Request', ...layout.tables.map((_, j) => `Pass_Obj_T${j}`), 'Look_For_obj0', 'Look_For_obj1', 'Look_For_obj2'];
    const mobileObs = H + 3 + PHASES * H + TOOLS + 2;
    const obsDims = [...new Array<number>(M).fill(mobileObs), TOOLS + M], nActions = [...new Array<number>(M).fill(H + 2), 1 + M + TOOLS];
    const actionNames = [...new Array(M).fill(mobileNames), manipNames];
    // bits in [0, 1] except the tool counts: a mobile robot's basket (after location and phases), the manipulator's staging
    const basketAt = H + 3 + PHASES * H;
    const bounds = (i: number): [number[], number[]] => {
      const high = filled(obsDims[i], 1);
      high.fill(Infinity, i < M ? basketAt : 0, i < M ? basketAt + TOOLS : TOOLS);
      return [filled(obsDims[i], 0), high];
    };
    this.spec = {
      id, nAgents: M + 1, obsDims, nActions,
      stateDim: 2 * (M + 1) + TOOLS * M + TOOLS + TOOLS + 1 + (PHASES + 1) * H,
      horizon: this.options.horizon, primitive: this.options.primitive, actionNames,
      agents: agentSpaces(obsDims, nActions, actionNames, bounds),
    };
    this.x = new Float64Array(M);
    this.y = new Float64Array(M);
    this.waypoint = new Int32Array(M);
    this.current = new Int32Array(M);
    this.done = new Uint8Array(M);
    this.counter = new Float64Array(M);
    this.basket = new Float64Array(M * TOOLS);
  }

  private get singleRoom(): boolean {
    return this.layout.singleRoomRules && !this.options.fixSingleRoomRules;
  }

  protected resetWorld(): WorldReset {
    const { layout, M, H } = this;
    for (let j = 0; j < M; j++) {
      this.x[j] = layout.starts[j][0];
      this.y[j] = layout.starts[j][1];
    }
    this.waypoint.fill(-1);
    this.current.fill(-1);
    this.done.fill(1);
    this.counter.fill(0);
    this.basket.fill(0);
    this.manipCurrent = -1;
    this.manipDone = true;
    this.manipLeft = 0;
    this.staging = [];
    this.found.fill(0);
    this.ready.fill(0);
    this.servingFailed = false;
    this.humans = layout.humans.map((d) => ({ phase: 0, timeLeft: d[0], nextTool: 0, obtained: false, finished: false, served: false }));
    this.obs = [];
    for (let j = 0; j < M; j++) {
      const o = new Float32Array(this.spec.obsDims[j]);
      o[H + 2] = 1; // location "none"
      this.obs.push(o);
    }
    this.obs.push(new Float32Array(this.spec.obsDims[M]));
    return { obs: this.obs.slice(), state: this.currentState() };
  }

  protected stepWorld(actions: ArrayLike<number>): WorldStep {
    const { M, options } = this;
    let reward = options.stepCost;
    const executed = new Int32Array(M + 1);
    for (let j = 0; j < M; j++) {
      const a = this.done[j] ? actions[j] : this.current[j];
      executed[j] = a;
      reward += this.mobileStep(j, a, this.done[j] === 1);
    }
    executed[M] = this.manipDone ? actions[M] : this.manipCurrent;
    reward += this.manipulatorStep(executed[M]);
    if (options.primitive) this.done.fill(1); // mobile robots re-decide every step (§2.10)
    const macDone = new Uint8Array(M + 1);
    macDone.set(this.done);
    macDone[M] = this.manipDone ? 1 : 0;
    const terminated = this.allServed();
    this.updateHumans();
    for (let i = 0; i <= M; i++) if (macDone[i]) this.obs[i] = i < M ? this.mobileObservation(i) : this.manipulatorObservation();
    return { obs: this.obs.slice(), state: this.currentState(), reward, terminated, truncated: false, macDone, executed };
  }

  // ---- mobile robots ------------------------------------------------------------------------

  /** Navigation target of action a for mobile j: workshop a, the wait spot, or the robot's own table. */
  private target(j: number, a: number): readonly [number, number] {
    return a <= this.H ? this.layout.shared[a] : this.layout.tables[j];
  }

  /** One controller step of mobile j's action a (`starting`: chosen now); returns the delivery reward. */
  private mobileStep(j: number, a: number, starting: boolean): number {
    const { H, options } = this, getTool = H + 1;
    if (starting && a === getTool && options.fixGetToolCounter && this.counter[j] < 0) this.counter[j] = 0;
    this.current[j] = a;
    this.done[j] = 0;
    const [tx, ty] = this.target(j, a);
    const dx = tx - this.x[j], dy = ty - this.y[j];
    const d = round2(Math.sqrt(dx * dx + dy * dy));
    if (d <= options.speed) {
      this.x[j] = tx;
      this.y[j] = ty;
      this.waypoint[j] = a;
      if (this.counter[j] > 0) {
        this.counter[j] = 0;
        if (a === getTool) return 0; // the arrival step does not count as waiting
      }
      if (a !== getTool) this.done[j] = 1;
      else {
        this.counter[j] -= 1;
        const W = options.passDuration + options.searchDuration;
        if (this.singleRoom ? this.counter[j] < -W : this.counter[j] <= -W) {
          this.counter[j] = -1;
          this.done[j] = 1;
        }
      }
    } else {
      const stepX = (options.speed / d) * dx, stepY = (options.speed / d) * dy;
      this.x[j] += stepX;
      this.y[j] += stepY;
      this.counter[j] = d - options.speed;
    }
    return a < H && this.waypoint[j] === a ? this.deliver(j, this.humans[a]) : 0;
  }

  /** Hands the human its next tool if mobile j carries one. */
  private deliver(j: number, human: Human): number {
    const { options } = this;
    if (human.obtained || this.basket[j * TOOLS + human.nextTool] <= 0) return 0;
    this.basket[j * TOOLS + human.nextTool] -= 1;
    human.obtained = true;
    const late = this.singleRoom ? human.timeLeft < 0 : human.timeLeft <= 0;
    return late ? options.deliveryReward + options.delayPenalty : options.deliveryReward;
  }

  // ---- manipulator --------------------------------------------------------------------------

  private duration(a: number): number {
    if (a === WAIT) return 1;
    return a <= this.M ? this.options.passDuration : this.options.searchDuration;
  }

  /** One manipulator update: busy, start the action a, or apply the running action's effect. */
  private manipulatorStep(a: number): number {
    const { M } = this;
    this.manipLeft -= 1;
    if (this.manipLeft > 0) return 0;
    if (this.manipDone) {
      this.manipCurrent = a;
      this.manipLeft = this.duration(a) - 1;
      this.manipDone = a === WAIT;
      const j = a - 1;
      if (a >= 1 && a <= M && (j < this.layout.passStartChecked || this.options.fixPassCheck)) {
        if (!(this.waypoint[j] === this.H + 1 && this.counter[j] <= -1)) this.servingFailed = true;
      }
      return 0;
    }
    let reward = 0;
    const current = this.manipCurrent;
    if (current >= 1 && current <= M) reward += this.finishPass(current - 1);
    else if (current > M) this.finishSearch(current - M - 1);
    this.manipDone = true;
    return reward;
  }

  /** End of a pass to mobile j: it succeeds if the robot was checked at the start and is still waiting. */
  private finishPass(j: number): number {
    const ok = !this.servingFailed && this.counter[j] < 0 && this.current[j] === this.H + 1;
    this.servingFailed = false;
    if (!ok) return this.options.dropPenalty;
    const tool = this.staging.shift();
    if (tool !== undefined) this.basket[j * TOOLS + tool] += 1;
    this.done[j] = 1;
    this.counter[j] = 0;
    this.ready.fill(0);
    if (this.staging.length === 1) this.ready[0] = 1;
    return 0;
  }

  /** End of a search for tool k: staged if there is room and a copy left. */
  private finishSearch(k: number): void {
    if (this.staging.length >= 2 || this.found[k] >= this.layout.copiesPerTool) return;
    this.found[k] += 1;
    this.staging.push(k);
    this.ready[0] = this.staging.length === 2 ? 0 : 1;
    this.ready[1] = this.staging.length === 2 ? 1 : 0;
  }

  // ---- humans -------------------------------------------------------------------------------

  /** Every human has received its phase-2 tool (tested before this step's human update). */
  private allServed(): boolean {
    let all = true;
    for (const h of this.humans) {
      if (h.phase === PHASES - 2 && h.obtained) h.served = true;
      if (!h.served) all = false;
    }
    return all;
  }

  private updateHumans(): void {
    this.humans.forEach((h, i) => {
      if (h.finished) return;
      h.timeLeft -= 1;
      if (!(h.timeLeft <= 0 && h.obtained)) return;
      if (h.phase + 1 === PHASES) {
        h.finished = true;
        return;
      }
      h.phase += 1;
      h.timeLeft = this.layout.humans[i][h.phase];
      if (h.phase + 1 < PHASES) {
        h.nextTool = h.phase;
        h.obtained = false;
      }
    });
  }

  // ---- observations and state ---------------------------------------------------------------

  /** [location one-hot (H + 3)] [phase of the human at its workshop (4·H)] [basket (3)] [staging flags (2)] */
  private mobileObservation(j: number): Float32Array {
    const { H } = this, o = new Float32Array(this.spec.obsDims[j]), wp = this.waypoint[j];
    o[wp < 0 ? H + 2 : wp] = 1;
    if (wp >= 0 && wp < H) o[H + 3 + PHASES * wp + this.humans[wp].phase] = 1;
    const b = H + 3 + PHASES * H;
    for (let k = 0; k < TOOLS; k++) o[b + k] = this.basket[j * TOOLS + k];
    if (wp < 0 || wp >= H) {
      o[b + TOOLS] = this.ready[0];
      o[b + TOOLS + 1] = this.ready[1];
    }
    return o;
  }

  /** [staged tools per type (3)] [mobile j exactly on its table spot (M)] */
  private manipulatorObservation(): Float32Array {
    const o = new Float32Array(TOOLS + this.M);
    for (const k of this.staging) o[k] += 1;
    for (let j = 0; j < this.M; j++) {
      const [tx, ty] = this.layout.tables[j];
      if (this.x[j] === tx && this.y[j] === ty) o[TOOLS + j] = 1;
    }
    return o;
  }

  protected computeState(): Float32Array {
    const { M, layout } = this, s = new Float32Array(this.spec.stateDim);
    const width = this.options.fixPositionScale ? (this.H === 3 ? 9 : 7) : 7;
    let at = 0;
    for (let j = 0; j < M; j++) {
      s[at++] = this.x[j] / width;
      s[at++] = this.y[j] / 5;
    }
    s[at++] = layout.manipulator[0] / width;
    s[at++] = layout.manipulator[1] / 5;
    for (let k = 0; k < M * TOOLS; k++) s[at++] = this.basket[k];
    for (const k of this.staging) s[at + k] += 1;
    at += TOOLS;
    const passing = this.manipCurrent >= 1 && this.manipCurrent <= M && !this.manipDone;
    if (passing && this.staging.length > 0) s[at + this.staging[0]] = 1;
    at += TOOLS;
    s[at++] = this.manipCurrent < 0 ? 0 : this.manipLeft / this.duration(this.manipCurrent);
    this.humans.forEach((h, i) => {
      s[at + h.phase] = 1;
      at += PHASES;
      const D = layout.humans[i][h.phase];
      if (h.timeLeft < 0) s[at] = -1;
      else s[at] = this.singleRoom ? h.timeLeft / D : 1 - h.timeLeft / D;
      at += 1;
    });
    return s;
  }

  render(): string {
    const { M } = this, names = this.spec.actionNames;
    const lines = [`${this.spec.id} t=${this.t}`];
    for (let j = 0; j < M; j++) {
      const basket = Array.from(this.basket.subarray(j * TOOLS, j * TOOLS + TOOLS)).join(',');
      const action = this.current[j] < 0 ? '-' : names[j][this.current[j]];
      lines.push(`mobile ${j} at (${this.x[j].toFixed(2)}, ${this.y[j].toFixed(2)}) ${action} counter ${this.counter[j].toFixed(2)} basket [${basket}]`);
    }
    const manip = this.manipCurrent < 0 ? '-' : names[M][this.manipCurrent];
    lines.push(`manipulator ${manip}${this.manipDone ? ' (idle)' : ` ${this.manipLeft} left`} staging [${this.staging.join(',')}]`);
    this.humans.forEach((h, i) => {
      const status = h.finished ? 'finished' : `phase ${h.phase} time left ${h.timeLeft}${h.obtained ? ', has its tool' : `, needs tool ${h.nextTool}`}`;
      lines.push(`human ${i}: ${status}`);
    });
    return lines.join('\n');
  }
}
