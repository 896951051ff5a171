// Masked regression losses over n elements: loss = Σ mask·ℓ(pred − target) / Σ mask.
// mask null means all ones. A mask summing to zero gives loss 0 and no gradient.

function maskTotal(mask: Float32Array | null, n: number): number {
  if (mask === null) return n;
  let total = 0;
  for (let i = 0; i < n; i++) total += mask[i];
  return total;
}

/** Returns Σ mask·(pred − target)² / Σ mask over pred (n), target (n), mask (n). */
export function mseForward(pred: Float32Array, target: Float32Array, mask: Float32Array | null, n: number): number {
  const total = maskTotal(mask, n);
  if (total === 0) return 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const d = pred[i] - target[i];
    acc += (mask === null ? 1 : mask[i]) * d * d;
  }
  return acc / total;
}
/** dPred (n) += dLoss · 2·mask·(pred − target) / Σ mask */
export function mseBackward(dPred: Float32Array, dLoss: number, pred: Float32Array, target: Float32Array, mask: Float32Array | null, n: number): void {
  const total = maskTotal(mask, n);
  if (total === 0) return;
  const scale = (2 * dLoss) / total;
  for (let i = 0; i < n; i++) dPred[i] += scale * (mask === null ? 1 : mask[i]) * (pred[i] - target[i]);
}

/** Huber (smooth L1, threshold delta): ½d² if |d| ≤ delta else delta·(|d| − ½delta); masked mean. */
export function huberForward(pred: Float32Array, target: Float32Array, mask: Float32Array | null, n: number, delta = 1): number {
  const total = maskTotal(mask, n);
  if (total === 0) return 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(pred[i] - target[i]);
    const l = d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    acc += (mask === null ? 1 : mask[i]) * l;
  }
  return acc / total;
}
/** dPred (n) += dLoss · mask · clamp(pred − target, −delta, delta) / Σ mask */
export function huberBackward(
  dPred: Float32Array, dLoss: number, pred: Float32Array, target: Float32Array, mask: Float32Array | null, n: number, delta = 1,
): void {
  const total = maskTotal(mask, n);
  if (total === 0) return;
  for (let i = 0; i < n; i++) {
    const d = pred[i] - target[i];
    const g = d > delta ? delta : d < -delta ? -delta : d;
    dPred[i] += (dLoss * (mask === null ? 1 : mask[i]) * g) / total;
  }
}

/**
 * Hysteretic squared TD error (Matignon et al.; MacDec-Q): δ = target − pred, scaled by h when negative,
 * loss = Σ mask·(c·δ)² / Σ mask with c = h if δ < 0 else 1.
 */
export function hystereticForward(pred: Float32Array, target: Float32Array, mask: Float32Array | null, n: number, h: number): number {
  const total = maskTotal(mask, n);
  if (total === 0) return 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const d = target[i] - pred[i], c = d < 0 ? h : 1;
    acc += (mask === null ? 1 : mask[i]) * c * c * d * d;
  }
  return acc / total;
}
/** dPred (n) += dLoss · (−2 c² δ) · mask / Σ mask */
export function hystereticBackward(
  dPred: Float32Array, dLoss: number, pred: Float32Array, target: Float32Array, mask: Float32Array | null, n: number, h: number,
): void {
  const total = maskTotal(mask, n);
  if (total === 0) return;
  for (let i = 0; i < n; i++) {
    const d = target[i] - pred[i], c = d < 0 ? h : 1;
    dPred[i] += (dLoss * -2 * c * c * d * (mask === null ? 1 : mask[i])) / total;
  }
}
