// pymarl-style agent inputs as an env decorator: each agent's observation, zero-padded to the longest
// one, followed by the one-hot of its last executed action and the one-hot of its index. Wrapping the env
// keeps the controller, episode recording and batches unchanged.
import type { AgentSpace, EnvSpec, MacEnv, ResetResult, StepResult } from '../../envs/macdec.ts';

export class AgentInputs implements MacEnv {
  readonly inner: MacEnv;
  readonly spec: EnvSpec;
  private readonly lastAction: boolean;
  private readonly agentId: boolean;
  private readonly width: number; //  padded observation length
  private readonly actions: number; // padded action one-hot length

  constructor(inner: MacEnv, options: { lastAction: boolean; agentId: boolean }) {
    this.inner = inner;
    this.lastAction = options.lastAction;
    this.agentId = options.agentId;
    const { obsDims, nActions, nAgents } = inner.spec;
    this.width = Math.max(...obsDims);
    this.actions = Math.max(...nActions);
    const dim = this.width + (this.lastAction ? this.actions : 0) + (this.agentId ? nAgents : 0);
    const extra = dim - this.width; // one-hots in [0, 1]; padding entries are always 0
    const agents: AgentSpace[] = inner.spec.agents.map((a) => {
      const pad = this.width - a.obsDim;
      return {
        ...a, obsDim: dim,
        obsLow: [...a.obsLow, ...new Array<number>(pad + extra).fill(0)],
        obsHigh: [...a.obsHigh, ...new Array<number>(pad).fill(0), ...new Array<number>(extra).fill(1)],
      };
    });
    this.spec = { ...inner.spec, obsDims: new Array(nAgents).fill(dim), agents };
  }

  /** Agent i's input: observation (padded), then the last action's one-hot (zeros before the first), then its id. */
  private input(i: number, obs: Float32Array, last: number): Float32Array {
    const x = new Float32Array(this.spec.obsDims[i]);
    x.set(obs);
    let at = this.width;
    if (this.lastAction) {
      if (last >= 0) x[at + last] = 1;
      at += this.actions;
    }
    if (this.agentId) x[at + i] = 1;
    return x;
  }

  reset(seed?: number): ResetResult {
    const r = this.inner.reset(seed);
    return { ...r, obs: r.obs.map((o, i) => this.input(i, o, -1)) };
  }

  step(actions: ArrayLike<number>): StepResult {
    const r = this.inner.step(actions);
    return { ...r, obs: r.obs.map((o, i) => this.input(i, o, r.executed[i])) };
  }

  render(): string {
    return this.inner.render();
  }

  close(): void {
    this.inner.close();
  }
}
