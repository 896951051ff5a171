// Gradient checking: the analytic gradient from backward() against central differences computed in
// float64 from the float32 forward. The scalar checked is L = Σ_i w_i · out_i with fixed random w,
// so every output element and every input element is exercised.
import { Rng } from '../../lib/rng.ts';
import { Tensor, backward, noGrad } from '../../autograd/tensor.ts';

export interface GradcheckOptions {
  /** perturbation, relative to max(1, |x|) */
  step?: number;
  atol?: number;
  rtol?: number;
  seed?: number;
}

export interface GradcheckReport {
  ok: boolean;
  worst: { input: number; index: number; analytic: number; numeric: number; error: number };
  checked: number;
}

function weightedSum(out: Tensor, w: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < out.size; i++) acc += w[i] * out.data[i];
  return acc;
}

/** Checks d(Σ w·build(inputs))/d(input) for every input with requiresGrad. */
export function gradcheck(build: (inputs: Tensor[]) => Tensor, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  const { step = 1e-3, atol = 5e-3, rtol = 1e-2, seed = 7 } = options;
  const rng = new Rng(seed);
  for (const x of inputs) x.grad = null;
  const out = build(inputs);
  const w = new Float64Array(out.size).map(() => rng.range(-1, 1));
  backward(out, Float32Array.from(w));
  const worst = { input: -1, index: -1, analytic: 0, numeric: 0, error: -Infinity };
  let ok = true, checked = 0;
  inputs.forEach((x, k) => {
    if (!x.requiresGrad) return;
    for (let j = 0; j < x.size; j++) {
      const v = x.data[j];
      const h = step * Math.max(1, Math.abs(v));
      x.data[j] = v + h;
      const up = x.data[j];
      const lossUp = noGrad(() => weightedSum(build(inputs), w));
      x.data[j] = v - h;
      const down = x.data[j];
      const lossDown = noGrad(() => weightedSum(build(inputs), w));
      x.data[j] = v;
      const numeric = (lossUp - lossDown) / (up - down);
      const analytic = x.grad === null ? 0 : x.grad[j];
      const error = Math.abs(analytic - numeric) - rtol * Math.max(Math.abs(analytic), Math.abs(numeric));
      checked++;
      if (error > worst.error) Object.assign(worst, { input: k, index: j, analytic, numeric, error });
      if (error > atol) ok = false;
    }
  });
  return { ok, worst, checked };
}

/** Throws with the worst element when the check fails (for fast-check properties). */
export function assertGradcheck(build: (inputs: Tensor[]) => Tensor, inputs: Tensor[], options?: GradcheckOptions): void {
  const report = gradcheck(build, inputs, options);
  if (!report.ok) {
    const { input, index, analytic, numeric } = report.worst;
    throw new Error(`gradient mismatch at input ${input}[${index}]: analytic ${analytic}, numeric ${numeric}`);
  }
}
