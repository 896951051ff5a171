// A one-shot two-agent matrix game as a MacEnv: both agents see [1], pick one of 3 actions, and the
// episode ends with the payoff. The default payoff is the non-monotonic game of the QTRAN/QPLEX papers,
// whose optimum (0, 0) = 8 monotonic mixing cannot represent under uniform exploration.
import { EpisodeEnv } from '../../envs/base.ts';
import type { EnvSpec, ResetResult, WorldStep } from '../../envs/macdec.ts';

export const NON_MONOTONIC = [[8, -12, -12], [-12, 0, 0], [-12, 0, 0]];

export class MatrixGame extends EpisodeEnv {
  readonly spec: EnvSpec = {
    id: 'matrix-game', nAgents: 2, obsDims: [1, 1], nActions: [3, 3], stateDim: 1, horizon: 1, primitive: true,
    actionNames: [['A', 'B', 'C'], ['A', 'B', 'C']],
  };
  readonly payoff: number[][];

  constructor(payoff = NON_MONOTONIC) {
    super();
    this.payoff = payoff;
  }

  protected resetWorld(): ResetResult {
    return { obs: [Float32Array.of(1), Float32Array.of(1)], state: this.currentState() };
  }

  protected stepWorld(actions: ArrayLike<number>): WorldStep {
    return {
      obs: [Float32Array.of(1), Float32Array.of(1)], state: this.currentState(), reward: this.payoff[actions[0]][actions[1]],
      terminated: true, truncated: false, macDone: Uint8Array.of(1, 1), executed: Int32Array.of(actions[0], actions[1]),
    };
  }

  protected computeState(): Float32Array {
    return Float32Array.of(1);
  }

  render(): string {
    return this.payoff.map((row) => row.join(' ')).join('\n');
  }
}
