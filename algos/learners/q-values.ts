// Reading Q-value tables: (rows, A) row-major Float32Arrays as the nets return them.

/** Row `row` of a (rows, A) matrix: index of its largest entry (first on ties) and that entry. */
export function rowMax(q: Float32Array, row: number, A: number): [number, number] {
  let best = 0, value = q[row * A];
  for (let a = 1; a < A; a++) if (q[row * A + a] > value) { value = q[row * A + a]; best = a; }
  return [best, value];
}
