// One stored episode in the form the asynchronous learners need (specs/algorithms.md §3, §4):
// per-step arrays over T primitive steps, each agent's sequence of decision inputs (the macro-
// observations it chose on), and the T + 1 global states. Built step by step by EpisodeBuilder.
// N = agents, T = steps, S = state length, O_i = agent i's observation length, K_i = agent i's decisions.

export interface EpisodeLayout {
  nAgents: number;
  obsDims: readonly number[];
  nActions: readonly number[];
  stateDim: number;
}

export interface Episode {
  length: number; //                 T
  states: Float32Array; //           (T + 1, S): s_0 … s_T
  decisions: Float32Array[]; //      per agent (K_i, O_i): x_0 = reset obs, then the obs after each own termination
  decisionAt: Int32Array[]; //       per agent (T): the decision the action running at t was chosen on
  chosenAt: Int32Array[]; //         per agent (T): the step at which that action was chosen (macro-state = states[chosenAt])
  action: Int32Array[]; //           per agent (T): macro-action executed at t
  valid: Uint8Array[]; //            per agent (T): its macro-action ended at t
  segChoose: Uint8Array[]; //        per agent (T): it chose at the first step of the current joint segment
  rAcc: Float32Array[]; //           per agent (T): discounted reward since its macro-action started
  gAcc: Float32Array[]; //           per agent (T): γ^(steps − 1) of that macro-action
  jvalid: Uint8Array; //             (T): some agent's macro-action ended at t
  rJ: Float32Array; //               (T): discounted reward since the joint segment started
  gJ: Float32Array; //               (T): γ^(τ − 1) of the joint segment
  terminal: Uint8Array; //           (T): real termination at t
  totalReward: number; //            undiscounted return
}

/** Records an episode during a rollout; finish() returns it trimmed to its length. */
export class EpisodeBuilder {
  readonly layout: EpisodeLayout;
  readonly gamma: number;
  readonly forceTerminalValid: boolean;
  readonly capacity: number;
  private t = 0;
  private ep!: Episode;
  private decisionCount: number[] = [];
  private choose: Uint8Array;
  private segChoose: Uint8Array;
  private jointStart = true;
  private kAgent: Int32Array;
  private kJoint = 0;
  private lastChosenAt: Int32Array;

  constructor(layout: EpisodeLayout, horizon: number, gamma: number, forceTerminalValid: boolean) {
    this.layout = layout;
    this.capacity = horizon;
    this.gamma = gamma;
    this.forceTerminalValid = forceTerminalValid;
    this.choose = new Uint8Array(layout.nAgents);
    this.segChoose = new Uint8Array(layout.nAgents);
    this.kAgent = new Int32Array(layout.nAgents);
    this.lastChosenAt = new Int32Array(layout.nAgents);
  }

  get length(): number {
    return this.t;
  }

  /** Starts a new episode from the reset observations and state. */
  begin(obs: readonly Float32Array[], state: Float32Array): void {
    const { nAgents: N, obsDims, stateDim: S } = this.layout, T = this.capacity;
    const perAgent = <A>(make: (i: number) => A) => Array.from({ length: N }, (_, i) => make(i));
    this.ep = {
      length: 0, states: new Float32Array((T + 1) * S),
      decisions: perAgent((i) => new Float32Array((T + 1) * obsDims[i])),
      decisionAt: perAgent(() => new Int32Array(T)), chosenAt: perAgent(() => new Int32Array(T)),
      action: perAgent(() => new Int32Array(T)), valid: perAgent(() => new Uint8Array(T)),
      segChoose: perAgent(() => new Uint8Array(T)), rAcc: perAgent(() => new Float32Array(T)), gAcc: perAgent(() => new Float32Array(T)),
      jvalid: new Uint8Array(T), rJ: new Float32Array(T), gJ: new Float32Array(T), terminal: new Uint8Array(T), totalReward: 0,
    };
    this.ep.states.set(state, 0);
    for (let i = 0; i < N; i++) this.ep.decisions[i].set(obs[i], 0);
    this.decisionCount = new Array(N).fill(1);
    this.t = 0;
    this.choose.fill(1);
    this.jointStart = true;
  }

  /** Records one primitive step: the executed actions and what the env returned. */
  add(step: { executed: ArrayLike<number>; reward: number; terminated: boolean; macDone: ArrayLike<number>; obs: readonly Float32Array[]; state: Float32Array }): void {
    const { nAgents: N, obsDims, stateDim: S } = this.layout, ep = this.ep, t = this.t, g = this.gamma;
    if (t >= this.capacity) throw new RangeError(`EpisodeBuilder: more than ${this.capacity} steps`);
    const r = step.reward;
    if (this.choose.some((c) => c === 1)) this.segChoose.set(this.choose);
    for (let i = 0; i < N; i++) {
      const started = this.choose[i] === 1;
      if (started) this.lastChosenAt[i] = t;
      ep.decisionAt[i][t] = this.decisionCount[i] - 1;
      ep.chosenAt[i][t] = this.lastChosenAt[i];
      ep.action[i][t] = step.executed[i];
      ep.segChoose[i][t] = this.segChoose[i];
      if (started) {
        this.kAgent[i] = 0;
        ep.rAcc[i][t] = r;
        ep.gAcc[i][t] = 1;
      } else {
        const k = ++this.kAgent[i];
        ep.rAcc[i][t] = ep.rAcc[i][t - 1] + g ** k * r;
        ep.gAcc[i][t] = g ** k;
      }
    }
    if (this.jointStart) {
      this.kJoint = 0;
      ep.rJ[t] = r;
      ep.gJ[t] = 1;
    } else {
      const k = ++this.kJoint;
      ep.rJ[t] = ep.rJ[t - 1] + g ** k * r;
      ep.gJ[t] = g ** k;
    }
    const forceValid = step.terminated && this.forceTerminalValid;
    let any = 0;
    for (let i = 0; i < N; i++) {
      const v = forceValid || step.macDone[i] ? 1 : 0;
      ep.valid[i][t] = v;
      this.choose[i] = v;
      any |= v;
      if (v) ep.decisions[i].set(step.obs[i], this.decisionCount[i]++ * obsDims[i]);
    }
    ep.jvalid[t] = any;
    this.jointStart = any === 1;
    ep.terminal[t] = step.terminated ? 1 : 0;
    ep.states.set(step.state, (t + 1) * S);
    ep.totalReward += r;
    this.t = t + 1;
  }

  /** The recorded episode, trimmed to its length. */
  finish(): Episode {
    const { obsDims, stateDim: S } = this.layout, ep = this.ep, T = this.t;
    return {
      length: T, states: ep.states.slice(0, (T + 1) * S),
      decisions: ep.decisions.map((d, i) => d.slice(0, this.decisionCount[i] * obsDims[i])),
      decisionAt: ep.decisionAt.map((a) => a.slice(0, T)), chosenAt: ep.chosenAt.map((a) => a.slice(0, T)),
      action: ep.action.map((a) => a.slice(0, T)), valid: ep.valid.map((a) => a.slice(0, T)),
      segChoose: ep.segChoose.map((a) => a.slice(0, T)), rAcc: ep.rAcc.map((a) => a.slice(0, T)), gAcc: ep.gAcc.map((a) => a.slice(0, T)),
      jvalid: ep.jvalid.slice(0, T), rJ: ep.rJ.slice(0, T), gJ: ep.gJ.slice(0, T), terminal: ep.terminal.slice(0, T),
      totalReward: ep.totalReward,
    };
  }
}
