// Returns of one agent's macro-actions in one episode (specs/algorithms.md §7.3; MacroMARL
// _get_bootstrap_return). Macro-action k earned r_k (discounted within it), lasted τ_k steps (γ^τ_k is
// its discount to the next one), and b_k is the critic's bootstrap value right after it ended.
//   1-step:  G_k = r_k + γ^τ_k · b_k · (1 − terminal_k)
//   n-step:  G_k = Σ_{m<n} D_m r_{k+m} + D_n b_{k+n−1},  D_m = Π_{q<m} γ^τ_{k+q}   (k + n − 1 < last)
//            near the end the sum runs to the last macro-action, which bootstraps only if not terminal.

/** G (K) from r, γ^τ and b (K each); `lastTerminal`: the episode really ended with the last macro-action. */
export function macroReturns(r: ArrayLike<number>, gammaTau: ArrayLike<number>, bootstrap: ArrayLike<number>, lastTerminal: boolean, n: number): Float64Array {
  const K = r.length, G = new Float64Array(K);
  if (K === 0) return G;
  if (n <= 1) {
    for (let k = 0; k < K; k++) G[k] = r[k] + (k === K - 1 && lastTerminal ? 0 : gammaTau[k] * bootstrap[k]);
    return G;
  }
  const end = K - 1;
  G[end] = r[end] + (lastTerminal ? 0 : gammaTau[end] * bootstrap[end]);
  for (let k = end - 1; k >= 0; k--) {
    if (k > end - n) {
      G[k] = r[k] + gammaTau[k] * G[k + 1]; // truncated near the end: the return runs to the episode's end
    } else {
      let sum = 0, D = 1;
      for (let m = 0; m < n; m++) {
        sum += D * r[k + m];
        D *= gammaTau[k + m];
      }
      G[k] = sum + D * bootstrap[k + n - 1];
    }
  }
  return G;
}
