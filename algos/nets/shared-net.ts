// Parameter sharing (pymarl): one recurrent utility net for all agents. Each agent sees it through a view
// that keeps only its own actions (the padded ones of smaller action sets are never chosen).
import { AgentNet, type RecurrentQNet } from './agent-net.ts';
import { sliceCols } from '../../autograd/ops/layout.ts';
import type { Tensor } from '../../autograd/tensor.ts';

export class SharedNetView implements RecurrentQNet {
  readonly core: AgentNet;
  readonly nActions: number;

  constructor(core: AgentNet, nActions: number) {
    this.core = core;
    this.nActions = nActions;
  }

  get obsDim(): number {
    return this.core.obsDim;
  }

  get hidden(): number {
    return this.core.hidden;
  }

  private own(q: Tensor): Tensor {
    return this.nActions === this.core.nActions ? q : sliceCols(q, 0, this.nActions);
  }

  step(x: Tensor, h: Tensor): { q: Tensor; h: Tensor } {
    const out = this.core.step(x, h);
    return { q: this.own(out.q), h: out.h };
  }

  unroll(xs: Tensor, batchSizes: Int32Array): Tensor {
    return this.own(this.core.unroll(xs, batchSizes));
  }

  parameters(): Tensor[] {
    return this.core.parameters();
  }
}

/** Per-agent utility nets: independent AgentNets, or views of one shared net. */
export function makeUtilityNets(
  obsDims: readonly number[], nActions: readonly number[], shared: boolean, make: (O: number, A: number) => AgentNet,
): RecurrentQNet[] {
  if (!shared) return obsDims.map((O, i) => make(O, nActions[i]));
  const core = make(Math.max(...obsDims), Math.max(...nActions));
  return nActions.map((A) => new SharedNetView(core, A));
}

/** The distinct parameters of a list of nets (shared views count once). */
export function uniqueParameters(nets: readonly RecurrentQNet[]): Tensor[] {
  return [...new Set(nets.flatMap((n) => n.parameters()))];
}
