// Optimisers, with PyTorch's update rules. step() reads each parameter's grad and updates its data.
import type { Tensor } from './tensor.ts';

export interface Optimizer {
  readonly params: readonly Tensor[];
  lr: number;
  step(): void;
  /** the optimiser's running state (step count and moment buffers), for checkpoints */
  exportState(): { t: number; buffers: Float32Array[] };
  importState(state: { t: number; buffers: readonly Float32Array[] }): void;
}

function importBuffers(into: readonly Float32Array[], from: readonly Float32Array[], who: string): void {
  if (from.length !== into.length || from.some((b, k) => b.length !== into[k].length)) throw new RangeError(`${who}: optimiser state does not match its parameters`);
  into.forEach((b, k) => b.set(from[k]));
}

function checkLr(lr: number, who: string): void {
  if (!(lr > 0 && Number.isFinite(lr))) throw new RangeError(`${who}: learning rate must be a positive number, got ${lr}`);
}

export interface AdamOptions { lr: number; beta1?: number; beta2?: number; eps?: number }

/** Adam (Kingma & Ba) with bias correction: p -= lr · m̂ / (√v̂ + eps). */
export class Adam implements Optimizer {
  readonly params: readonly Tensor[];
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  t = 0;
  readonly m: Float32Array[];
  readonly v: Float32Array[];

  constructor(params: readonly Tensor[], { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 }: AdamOptions) {
    checkLr(lr, 'Adam');
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new RangeError(`Adam: betas must lie in [0, 1), got ${beta1}, ${beta2}`);
    this.params = params;
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.m = params.map((p) => new Float32Array(p.size));
    this.v = params.map((p) => new Float32Array(p.size));
  }

  exportState(): { t: number; buffers: Float32Array[] } {
    return { t: this.t, buffers: [...this.m, ...this.v] };
  }

  importState(state: { t: number; buffers: readonly Float32Array[] }): void {
    importBuffers([...this.m, ...this.v], state.buffers, 'Adam');
    this.t = state.t;
  }

  step(): void {
    this.t++;
    const { beta1, beta2, eps, lr } = this;
    const c1 = 1 - beta1 ** this.t, c2 = 1 - beta2 ** this.t;
    const stepSize = lr / c1, sqrtC2 = Math.sqrt(c2);
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i], g = p.grad;
      if (g === null) continue;
      const m = this.m[i], v = this.v[i], w = p.data;
      for (let j = 0; j < w.length; j++) {
        m[j] = beta1 * m[j] + (1 - beta1) * g[j];
        v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
        w[j] -= (stepSize * m[j]) / (Math.sqrt(v[j]) / sqrtC2 + eps);
      }
    }
  }
}

export interface RMSpropOptions { lr: number; alpha?: number; eps?: number }

/** RMSprop as torch.optim.RMSprop (no momentum, not centred): v = α v + (1 − α) g²; p -= lr · g / (√v + eps). */
export class RMSprop implements Optimizer {
  readonly params: readonly Tensor[];
  lr: number;
  readonly alpha: number;
  readonly eps: number;
  readonly v: Float32Array[];

  constructor(params: readonly Tensor[], { lr, alpha = 0.99, eps = 1e-8 }: RMSpropOptions) {
    checkLr(lr, 'RMSprop');
    if (!(alpha >= 0 && alpha < 1)) throw new RangeError(`RMSprop: alpha must lie in [0, 1), got ${alpha}`);
    this.params = params;
    this.lr = lr;
    this.alpha = alpha;
    this.eps = eps;
    this.v = params.map((p) => new Float32Array(p.size));
  }

  exportState(): { t: number; buffers: Float32Array[] } {
    return { t: 0, buffers: [...this.v] };
  }

  importState(state: { t: number; buffers: readonly Float32Array[] }): void {
    importBuffers(this.v, state.buffers, 'RMSprop');
  }

  step(): void {
    const { alpha, eps, lr } = this;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i], g = p.grad;
      if (g === null) continue;
      const v = this.v[i], w = p.data;
      for (let j = 0; j < w.length; j++) {
        v[j] = alpha * v[j] + (1 - alpha) * g[j] * g[j];
        w[j] -= (lr * g[j]) / (Math.sqrt(v[j]) + eps);
      }
    }
  }
}
