// Joint macro-action indices for the centralized baseline: row-major over agents, agent 0 most
// significant (specs/algorithms.md §7.2, pitfall 19): idx = ((a_0·|M_1| + a_1)·|M_2| + a_2)…

export function jointSize(nActions: readonly number[]): number {
  return nActions.reduce((a, b) => a * b, 1);
}

export function encodeJoint(actions: ArrayLike<number>, nActions: readonly number[]): number {
  let idx = 0;
  for (let i = 0; i < nActions.length; i++) idx = idx * nActions[i] + actions[i];
  return idx;
}

export function decodeJoint(idx: number, nActions: readonly number[], out: Int32Array): Int32Array {
  for (let i = nActions.length - 1; i >= 0; i--) {
    out[i] = idx % nActions[i];
    idx = Math.floor(idx / nActions[i]);
  }
  return out;
}

/**
 * The conditional argmax over joint actions (row `row` of q, (rows, ΠA)): agents with fixed[i] = 1 keep
 * actions[i]; the others are free. Returns the best joint index (first on ties).
 */
export function conditionalArgmax(
  q: Float32Array, row: number, nActions: readonly number[], fixed: ArrayLike<number>, actions: ArrayLike<number>,
): number {
  const size = jointSize(nActions), decoded = new Int32Array(nActions.length);
  let best = -1, value = -Infinity;
  for (let idx = 0; idx < size; idx++) {
    decodeJoint(idx, nActions, decoded);
    let allowed = true;
    for (let i = 0; i < nActions.length && allowed; i++) if (fixed[i] && decoded[i] !== actions[i]) allowed = false;
    if (allowed && (best < 0 || q[row * size + idx] > value)) {
      best = idx;
      value = q[row * size + idx];
    }
  }
  return best;
}
