// Shapes of flat row-major arrays: sizes, checks and errors that name the problem.

/** Number of elements of a shape; [] is a scalar of size 1. */
export function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** True when both shapes have the same dimensions. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(', ')})`;
}

/** Throws a RangeError naming `what` unless `shape` is a list of non-negative integers. */
export function checkShape(shape: readonly number[], what = 'shape'): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`${what} ${formatShape(shape)} must hold non-negative integers`);
  }
}

/** Throws unless `actual` equals `expected`; the message names the operation. */
export function expectShape(actual: readonly number[], expected: readonly number[], where: string): void {
  if (!sameShape(actual, expected)) {
    throw new RangeError(`${where}: expected shape ${formatShape(expected)}, got ${formatShape(actual)}`);
  }
}

/** Throws unless `data.length` matches the shape's size. */
export function expectLength(length: number, shape: readonly number[], where: string): void {
  if (length !== size(shape)) {
    throw new RangeError(`${where}: data of length ${length} does not fit shape ${formatShape(shape)}`);
  }
}
