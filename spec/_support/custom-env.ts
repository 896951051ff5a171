// A user's own env, written against the public MacEnv contract only: two agents each pick left or right
// every step, +1 when they agree; 5 steps. Importing this module registers it as 'agree' (the CLI's
// --env-module loads it).
import { registerEnv, type EnvSpec, type MacEnv, type ResetResult, type StepResult } from '../../envs/index.ts';

export class Agree implements MacEnv {
  readonly spec: EnvSpec;
  private t = 0;
  private closed = false;

  constructor(horizon = 5) {
    const names = ['left', 'right'];
    this.spec = {
      id: 'agree', nAgents: 2, obsDims: [1, 1], nActions: [2, 2], stateDim: 1, horizon, primitive: true, actionNames: [names, names],
      agents: [0, 1].map(() => ({ obsDim: 1, obsLow: [0], obsHigh: [1], nActions: 2, actionNames: names })),
    };
  }

  private observe(): Float32Array[] {
    return [Float32Array.of(this.t / this.spec.horizon), Float32Array.of(this.t / this.spec.horizon)];
  }

  reset(): ResetResult {
    if (this.closed) throw new Error('agree: closed');
    this.t = 0;
    return { obs: this.observe(), state: Float32Array.of(0), choosing: Uint8Array.of(1, 1) };
  }

  step(actions: ArrayLike<number>): StepResult {
    if (this.closed) throw new Error('agree: closed');
    this.t++;
    const truncated = this.t >= this.spec.horizon;
    return {
      obs: this.observe(), state: Float32Array.of(this.t), reward: actions[0] === actions[1] ? 1 : 0, terminated: false, truncated,
      macDone: Uint8Array.of(1, 1), executed: Int32Array.from(actions), choosing: truncated ? Uint8Array.of(0, 0) : Uint8Array.of(1, 1),
    };
  }

  render(): string {
    return `agree t=${this.t}`;
  }

  close(): void {
    this.closed = true;
  }
}

registerEnv('agree', (options) => new Agree(typeof options.horizon === 'number' ? options.horizon : 5), { defaultsOf: 'ct-10' });
