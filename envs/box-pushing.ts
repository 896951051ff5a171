// Box Pushing (specs/envs.md §1): two agents, two small boxes and one big box on an L×L grid; a box
// reaching the top row ends the episode (+20 small, +300 big), −10 for bumps, −0.1 per step.
// Macro version: 8 macro-actions (go to one of 4 waypoints, Push, Turn_Left, Turn_Right, Stay);
// primitive version: Move_Forward, Turn_Left, Turn_Right, Stay. Reference behaviour and quirks by
// default; each quirk fix is an option, off by default.
import { EpisodeEnv, agentSpaces, checkOptionNames, filled, finiteNumber, flag, positiveInt } from './base.ts';
import { TextGrid } from './grid-text.ts';
import type { EnvOptions, EnvSpec, WorldReset, WorldStep } from './macdec.ts';

const DX = [0, 1, 0, -1], DY = [1, 0, -1, 0]; // orientation 0 N, 1 E, 2 S, 3 W
const TURN_COST = [[0, 0.1, 0.2, 0.1], [0.1, 0, 0.1, 0.2], [0.2, 0.1, 0, 0.1], [0.1, 0.2, 0.1, 0]];
const MACRO_ACTIONS = ['GoTo_SmallBox0_spot', 'GoTo_SmallBox1_spot', 'GoTo_BigBox_spot0', 'GoTo_BigBox_spot1', 'Push', 'Turn_Left', 'Turn_Right', 'Stay'];
const PRIMITIVE_ACTIONS = ['Move_Forward', 'Turn_Left', 'Turn_Right', 'Stay'];
const PUSH = 4, SMALL0 = 0, BIG = 2;

export interface BoxPushingOptions {
  primitive: boolean;
  horizon: number;
  /** grid side L (square grid, L ≥ 8) */
  gridSize: number;
  bigBoxReward: number;
  smallBoxReward: number;
  penalty: number;
  stepCost: number;
  /** fix: the joint-push flag holds only while the joint push condition holds (primitive) */
  fixStickyPush: boolean;
  /** fix: the macro joint push needs both agents standing on the big-box spots, not just remembering them */
  fixStaleWaypoint: boolean;
}

const DEFAULTS: Omit<BoxPushingOptions, 'gridSize'> = {
  primitive: false, horizon: 100, bigBoxReward: 300, smallBoxReward: 20, penalty: -10, stepCost: -0.1,
  fixStickyPush: false, fixStaleWaypoint: false,
};

function parseOptions(id: string, gridSize: number, options: EnvOptions): BoxPushingOptions {
  checkOptionNames(id, options, ['seed', 'withState', ...Object.keys(DEFAULTS), 'gridSize']);
  const size = positiveInt(id, 'gridSize', options.gridSize, gridSize);
  if (size < 8) throw new RangeError(`${id}: option gridSize must be at least 8 (the layout of specs/envs.md §1.1), got ${size}`);
  return {
    primitive: flag(id, 'primitive', options.primitive, DEFAULTS.primitive),
    horizon: positiveInt(id, 'horizon', options.horizon, DEFAULTS.horizon),
    gridSize: size,
    bigBoxReward: finiteNumber(id, 'bigBoxReward', options.bigBoxReward, DEFAULTS.bigBoxReward),
    smallBoxReward: finiteNumber(id, 'smallBoxReward', options.smallBoxReward, DEFAULTS.smallBoxReward),
    penalty: finiteNumber(id, 'penalty', options.penalty, DEFAULTS.penalty),
    stepCost: finiteNumber(id, 'stepCost', options.stepCost, DEFAULTS.stepCost),
    fixStickyPush: flag(id, 'fixStickyPush', options.fixStickyPush, false),
    fixStaleWaypoint: flag(id, 'fixStaleWaypoint', options.fixStaleWaypoint, false),
  };
}

export class BoxPushing extends EpisodeEnv {
  readonly spec: EnvSpec;
  readonly options: BoxPushingOptions;
  readonly L: number;
  // agents (2): position of the cell centre, orientation, macro-action state
  readonly x = new Float64Array(2);
  readonly y = new Float64Array(2);
  readonly ori = new Int32Array(2);
  readonly current = new Int32Array(2); //  running macro-action (-1 before the first)
  readonly done = new Uint8Array(2); //     macro-action ended
  readonly waypoint = new Int32Array(2); // last waypoint reached (-1 none), never cleared
  readonly pushing = new Uint8Array(2); //  joint big-box push flag
  // boxes: small 0, small 1, big (x of the big box is its centre, between its two cells)
  readonly boxX = new Float64Array(3);
  readonly boxY = new Float64Array(3);
  readonly waypointX: Float64Array;
  readonly waypointY: Float64Array;
  jointPush = false;
  obs: Float32Array[] = [];

  constructor(id: string, gridSize: number, options: EnvOptions = {}) {
    super();
    this.withState = flag(id, 'withState', options.withState, true);
    this.options = parseOptions(id, gridSize, options);
    const L = (this.L = this.options.gridSize), primitive = this.options.primitive;
    const nActions = primitive ? [4, 4] : [8, 8];
    const actionNames = primitive ? [PRIMITIVE_ACTIONS, PRIMITIVE_ACTIONS] : [MACRO_ACTIONS, MACRO_ACTIONS];
    this.spec = {
      id, nAgents: 2, obsDims: [5, 5], nActions, stateDim: 18, horizon: this.options.horizon, primitive, actionNames,
      agents: agentSpaces([5, 5], nActions, actionNames, () => [filled(5, 0), filled(5, 1)]), // five bits
    };
    this.waypointX = Float64Array.of(1.5, L - 1.5, L / 2 - 0.5, L / 2 + 0.5);
    this.waypointY = new Float64Array(4).fill(L / 2 - 0.5);
  }

  protected resetWorld(): WorldReset {
    const L = this.L;
    this.x.set([1.5, L - 1.5]);
    this.y.set([1.5, 1.5]);
    this.ori.set([1, 3]);
    this.current.fill(-1);
    this.done.fill(1);
    this.waypoint.fill(-1);
    this.pushing.fill(0);
    this.boxX.set([1.5, L - 1.5, L / 2]);
    this.boxY.fill(L / 2 + 0.5);
    this.jointPush = false;
    // the macro reference returns a fixed "empty in front" observation at reset (which is also the true one
    // from the start layout, so this quirk has no visible effect)
    this.obs = [0, 1].map((i) => (this.options.primitive ? this.observe(i) : Float32Array.of(0, 0, 1, 0, 0)));
    return { obs: this.obs.slice(), state: this.currentState() };
  }

  protected stepWorld(actions: ArrayLike<number>): WorldStep {
    return this.options.primitive ? this.stepPrimitive(actions) : this.stepMacro(actions);
  }

  // ---- macro version ------------------------------------------------------------------------

  private stepMacro(actions: ArrayLike<number>): WorldStep {
    let reward = this.options.stepCost;
    if (this.canStartJointPush(actions)) {
      this.pushing.fill(1);
      this.jointPush = true;
    }
    const executed = new Int32Array(2);
    for (let i = 0; i < 2; i++) {
      if (this.pushing[i]) {
        this.current[i] = PUSH;
        this.done[i] = 0;
        this.y[i] += 1;
      } else {
        reward += this.controllerStep(i, this.done[i] ? actions[i] : this.current[i]);
      }
      executed[i] = this.current[i];
    }
    if (this.jointPush) {
      this.boxY[BIG] += 1;
      if (this.boxY[BIG] === this.L - 0.5) for (let i = 0; i < 2; i++) if (this.pushing[i]) this.done[i] = 1;
    }
    const macDone = this.done.slice();
    const [goalReward, terminated] = this.goalCheck();
    reward += goalReward;
    for (let i = 0; i < 2; i++) if (macDone[i]) this.obs[i] = this.observe(i);
    return { obs: this.obs.slice(), state: this.currentState(), reward, terminated, truncated: false, macDone, executed };
  }

  /** Both agents start Push now, both face north and remember the two big-box spots (quirk: not where they stand). */
  private canStartJointPush(actions: ArrayLike<number>): boolean {
    const w = this.waypoint;
    if (!(actions[0] === PUSH && actions[1] === PUSH && this.done[0] && this.done[1] && this.ori[0] === 0 && this.ori[1] === 0)) return false;
    if (!((w[0] === 2 && w[1] === 3) || (w[0] === 3 && w[1] === 2))) return false;
    if (!this.options.fixStaleWaypoint) return true;
    return [0, 1].every((i) => this.x[i] === this.waypointX[w[i]] && this.y[i] === this.waypointY[w[i]]);
  }

  /** One step of agent i's macro-action `action` (started now, or still running); returns its penalties. */
  private controllerStep(i: number, action: number): number {
    this.current[i] = action;
    this.done[i] = 0;
    if (action < PUSH) return this.navigate(i, action);
    if (action === PUSH) return this.pushStep(i);
    if (action === 5) this.ori[i] = (this.ori[i] + 3) % 4;
    else if (action === 6) this.ori[i] = (this.ori[i] + 1) % 4;
    this.done[i] = 1; // turns and Stay last one step
    return 0;
  }

  /** Greedy navigation to waypoint k: Manhattan distance plus a turning cost, first minimum in N, E, S, W order. */
  private navigate(i: number, k: number): number {
    const gx = this.waypointX[k], gy = this.waypointY[k];
    const ex = gx - this.x[i], ey = gy - this.y[i];
    if (Math.sqrt(ex * ex + ey * ey) < 0.1) {
      this.ori[i] = 0;
      this.waypoint[i] = k;
      this.done[i] = 1;
      return 0;
    }
    let best = 0, bestScore = Infinity;
    for (let d = 0; d < 4; d++) {
      const mx = this.x[i] + DX[d], my = this.y[i] + DY[d];
      const h = this.blocked(mx, my) ? Infinity : Math.abs(gx - mx) + Math.abs(gy - my);
      const score = h + TURN_COST[this.ori[i]][d];
      if (score < bestScore) { bestScore = score; best = d; }
    }
    const cost = TURN_COST[this.ori[i]][best];
    if (cost === 0) {
      this.x[i] += DX[best];
      this.y[i] += DY[best];
    } else if (cost === 0.2) {
      this.ori[i] = (this.ori[i] + 1) % 4; // behind: turn right
    } else {
      this.ori[i] = best;
    }
    if (this.x[i] === gx && this.y[i] === gy && this.ori[i] === 0) {
      this.waypoint[i] = k;
      this.done[i] = 1;
    }
    return 0;
  }

  /**
   * The navigation obstacle model: the boxes' columns in small box 0's row. (A reference quirk with no
   * reachable effect: boxes only leave their row in a push that ends the episode, so no fix option.)
   */
  private blocked(mx: number, my: number): boolean {
    const bx = this.boxX;
    return my === this.boxY[SMALL0] && (mx === bx[0] || mx === bx[1] || mx === bx[BIG] + 0.5 || mx === bx[BIG] - 0.5);
  }

  /** Box b covers cell (cx, cy): same cell, or a cell half a step beside its centre (the big box's two halves). */
  private boxCovers(b: number, cx: number, cy: number): boolean {
    const bx = this.boxX[b];
    return this.boxY[b] === cy && (bx === cx || bx === cx - 0.5 || bx === cx + 0.5);
  }

  /** True when agent i stands on the border cell it faces. */
  private facingBorder(i: number): boolean {
    const top = this.L - 0.5;
    switch (this.ori[i]) {
      case 0: return this.y[i] === top;
      case 1: return this.x[i] === top;
      case 2: return this.y[i] === 0.5;
      default: return this.x[i] === 0.5;
    }
  }

  /** One step of Push: forward, carrying a small box north; bumping a box or pushing at the border costs the penalty. */
  private pushStep(i: number): number {
    const { penalty } = this.options;
    if (this.facingBorder(i)) {
      this.done[i] = 1;
      return penalty;
    }
    let reward = 0, pushedBox = false;
    const d = this.ori[i];
    this.x[i] += DX[d];
    this.y[i] += DY[d];
    for (let b = 0; b < 3; b++) {
      if (!this.boxCovers(b, this.x[i], this.y[i])) continue;
      if (d === 0 && b !== BIG) {
        pushedBox = true;
        this.boxX[b] += DX[d];
        this.boxY[b] += DY[d];
        if (this.boxY[b] === this.L - 0.5) this.done[i] = 1;
      } else {
        this.x[i] -= DX[d];
        this.y[i] -= DY[d];
        this.done[i] = 1;
        reward += penalty;
      }
    }
    if (!pushedBox && this.facingBorder(i)) this.done[i] = 1;
    return reward;
  }

  // ---- primitive version --------------------------------------------------------------------

  private stepPrimitive(actions: ArrayLike<number>): WorldStep {
    let reward = this.options.stepCost;
    if (this.options.fixStickyPush) this.pushing.fill(0);
    const push = this.canPushBigBoxPrimitive(actions);
    if (push) this.pushing.fill(1);
    for (let i = 0; i < 2; i++) {
      if (this.pushing[i]) this.y[i] += 1; // quirk: the flag is sticky, so the agents keep drifting north
      else reward += this.primitiveAction(i, actions[i]);
    }
    if (push) this.boxY[BIG] += 1;
    const [goalReward, terminated] = this.goalCheck();
    reward += goalReward;
    this.obs = [this.observe(0), this.observe(1)];
    return {
      obs: this.obs.slice(), state: this.currentState(), reward, terminated, truncated: false,
      macDone: Uint8Array.of(1, 1), executed: Int32Array.of(actions[0], actions[1]),
    };
  }

  /** Both move forward, face north, and stand under the two halves of the big box. */
  private canPushBigBoxPrimitive(actions: ArrayLike<number>): boolean {
    if (!(actions[0] === 0 && actions[1] === 0 && this.ori[0] === 0 && this.ori[1] === 0)) return false;
    const bx = this.boxX[BIG], row = this.boxY[BIG] - 1;
    if (this.y[0] !== row || this.y[1] !== row) return false;
    return (this.x[0] === bx - 0.5 && this.x[1] === bx + 0.5) || (this.x[1] === bx - 0.5 && this.x[0] === bx + 0.5);
  }

  private primitiveAction(i: number, action: number): number {
    if (action === 1) this.ori[i] = (this.ori[i] + 3) % 4;
    else if (action === 2) this.ori[i] = (this.ori[i] + 1) % 4;
    if (action !== 0) return 0;
    const { penalty } = this.options, d = this.ori[i], top = this.L - 0.5;
    let reward = 0;
    this.x[i] += DX[d];
    this.y[i] += DY[d];
    if (this.x[i] > top || this.x[i] < 0.5 || this.y[i] > top || this.y[i] < 0.5) {
      this.x[i] -= DX[d];
      this.y[i] -= DY[d];
      reward += penalty;
    }
    for (let b = 0; b < 3; b++) {
      if (!this.boxCovers(b, this.x[i], this.y[i])) continue;
      if (d === 0 && b !== BIG) {
        this.boxX[b] += DX[d];
        this.boxY[b] += DY[d];
      } else {
        this.x[i] -= DX[d];
        this.y[i] -= DY[d];
        reward += penalty;
      }
    }
    return reward;
  }

  // ---- shared -------------------------------------------------------------------------------

  /** Boxes in the top row: their rewards, and whether the episode ends. */
  private goalCheck(): [number, boolean] {
    let reward = 0, terminated = false;
    for (let b = 0; b < 3; b++) {
      if (this.boxY[b] !== this.L - 0.5) continue;
      terminated = true;
      reward += b < BIG ? this.options.smallBoxReward : this.options.bigBoxReward;
    }
    return [reward, terminated];
  }

  /** [small box, big box, empty, wall, teammate] about the cell in front of agent i. */
  private observe(i: number): Float32Array {
    const o = new Float32Array(5);
    const d = this.ori[i], fx = this.x[i] + DX[d], fy = this.y[i] + DY[d], L = this.L;
    for (let b = 0; b < BIG; b++) if (this.boxX[b] === fx && this.boxY[b] === fy) o[0] = 1;
    if ((this.boxX[BIG] + 0.5 === fx || this.boxX[BIG] - 0.5 === fx) && this.boxY[BIG] === fy) o[1] = 1;
    if (fx > L || fx < 0 || fy > L || fy < 0) o[3] = 1;
    const j = 1 - i;
    if (this.x[j] === fx && this.y[j] === fy) o[4] = 1;
    o[2] = o[0] || o[1] || o[3] || o[4] ? 0 : 1;
    return o;
  }

  /** Per agent x/L, y/L, one-hot orientation; per box x/L, y/L. */
  protected computeState(): Float32Array {
    const s = new Float32Array(18), L = this.L;
    for (let i = 0; i < 2; i++) {
      s[6 * i] = this.x[i] / L;
      s[6 * i + 1] = this.y[i] / L;
      s[6 * i + 2 + this.ori[i]] = 1;
    }
    for (let b = 0; b < 3; b++) {
      s[12 + 2 * b] = this.boxX[b] / L;
      s[13 + 2 * b] = this.boxY[b] / L;
    }
    return s;
  }

  render(): string {
    const L = this.L, grid = new TextGrid(L, L);
    const cell = (v: number) => Math.floor(v);
    for (let c = 0; c < L; c++) grid.put(c, L - 1, '=');
    grid.put(cell(this.boxX[0]), cell(this.boxY[0]), 's');
    grid.put(cell(this.boxX[1]), cell(this.boxY[1]), 's');
    grid.put(cell(this.boxX[BIG] - 0.5), cell(this.boxY[BIG]), 'B');
    grid.put(cell(this.boxX[BIG] + 0.5), cell(this.boxY[BIG]), 'B');
    const arrows = '^>v<';
    for (let i = 0; i < 2; i++) grid.put(cell(this.x[i]), cell(this.y[i]), `${arrows[this.ori[i]]}`);
    const agents = [0, 1].map((i) => `agent ${i} ${arrows[this.ori[i]]} at (${this.x[i]}, ${this.y[i]}) running ${this.current[i] < 0 ? '-' : this.spec.actionNames[i][this.current[i]]}`);
    return `${this.spec.id} t=${this.t}  (= goal row, s small box, B big box)\n${grid}\n${agents.join('\n')}`;
  }
}
