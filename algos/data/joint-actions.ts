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

// scratch of conditionalArgmax, grown to the largest agent count seen
let strides = new Int32Array(8), freeAgents = new Int32Array(8), counters = new Int32Array(8);

/**
 * The conditional argmax over joint actions (row `row` of q, (rows, ΠA)): agents with fixed[i] = 1 keep
 * actions[i]; the others are free. Returns the best joint index (first on ties). Visits only the joint
 * actions that keep the fixed agents' (an odometer over the free agents' digits, in increasing index order).
 */
export function conditionalArgmax(
  q: Float32Array, row: number, nActions: readonly number[], fixed: ArrayLike<number>, actions: ArrayLike<number>,
): number {
  const n = nActions.length;
  if (strides.length < n) [strides, freeAgents, counters] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  let stride = 1, idx = 0, nFree = 0;
  for (let i = n - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= nActions[i];
  }
  for (let i = 0; i < n; i++) {
    if (fixed[i]) idx += actions[i] * strides[i];
    else {
      freeAgents[nFree] = i;
      counters[nFree++] = 0;
    }
  }
  const base = row * stride;
  let best = idx, value = q[base + idx];
  for (;;) {
    let k = nFree - 1; // the least significant free digit first
    for (; k >= 0; k--) {
      const i = freeAgents[k];
      idx += strides[i];
      if (++counters[k] < nActions[i]) break;
      idx -= strides[i] * nActions[i];
      counters[k] = 0;
    }
    if (k < 0) return best;
    if (q[base + idx] > value) {
      best = idx;
      value = q[base + idx];
    }
  }
}
