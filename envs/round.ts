// numpy-compatible rounding: np.round(v, 2) is rint(v·100)/100 with ties to even. JavaScript's
// Math.round rounds halves up and toFixed rounds the decimal string, so neither matches bit for bit.

/** Nearest integer, ties to even (IEEE rint). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v); // ties go up here
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** np.round(v, 2) */
export function round2(v: number): number {
  return roundHalfEven(v * 100) / 100;
}
