// QPLEX attention weights ("si_weight"): λ = Σ_heads key ⊙ agents ⊙ action.
// B = batch, K = attention heads, N = agents.

/** out (B, N) = Σ_k key (B, K)[b, k] · agents (B, K·N)[b, k, n] · action (B, K·N)[b, k, n] */
export function headWeightsForward(
  out: Float32Array, key: Float32Array, agents: Float32Array, action: Float32Array, B: number, K: number, N: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let n = 0; n < N; n++) {
      let acc = 0;
      for (let k = 0; k < K; k++) {
        const i = (b * K + k) * N + n;
        acc += key[b * K + k] * agents[i] * action[i];
      }
      out[b * N + n] = acc;
    }
  }
}

/** Accumulates dKey (B, K), dAgents (B, K·N), dAction (B, K·N) from dOut (B, N); any may be null. */
export function headWeightsBackward(
  dKey: Float32Array | null, dAgents: Float32Array | null, dAction: Float32Array | null, dOut: Float32Array,
  key: Float32Array, agents: Float32Array, action: Float32Array, B: number, K: number, N: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < K; k++) {
      const kk = key[b * K + k];
      let dk = 0;
      for (let n = 0; n < N; n++) {
        const i = (b * K + k) * N + n, d = dOut[b * N + n];
        dk += d * agents[i] * action[i];
        if (dAgents !== null) dAgents[i] += d * kk * action[i];
        if (dAction !== null) dAction[i] += d * kk * agents[i];
      }
      if (dKey !== null) dKey[b * K + k] += dk;
    }
  }
}
