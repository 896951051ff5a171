// exp, sigmoid and tanh on four lanes, emitted inline into a kernel (the WebAssembly SIMD set has no
// transcendental functions). exp: x clamped to [−87.3, 88], x = n·ln2 + r with n = nearest(x·log2 e) and
// |r| ≤ ln2/2 (ln2 split in a high and a low part, Cody–Waite), e^r by its Taylor polynomial of degree 6
// (truncation ≤ 0.3466⁷/7! ≈ 1.2e-7 relative), times 2^n built in the exponent bits.
// sigmoid(x) = 1 / (1 + e^−x); tanh(x) = 1 − 2 / (e^2x + 1).
// Measured against Math.exp / Math.tanh in spec/lib/wasm/exp.spec.ts: exp within 4e-7 relative,
// sigmoid and tanh within 3e-7 absolute (the float32 rounding of the JS results is about 6e-8).
import { Code, I32, V128, type FunctionDef } from './emit.ts';

const LOG2E = 1.4426950408889634, LN2_HI = 0.693359375, LN2_LO = -2.12194440e-4;
const TAYLOR = [1 / 720, 1 / 120, 1 / 24, 1 / 6, 1 / 2, 1, 1];

/** Scratch v128 locals an expression needs. */
export interface ExpLocals { x: number; n: number; r: number }

/** Pops v (f32x4), pushes e^v. */
export function emitExp(c: Code, t: ExpLocals): void {
  c.f32x4(-87.3).f32x4Max().f32x4(88).f32x4Min().set(t.x);
  c.get(t.x).f32x4(LOG2E).f32x4Mul().f32x4Nearest().set(t.n);
  c.get(t.x).get(t.n).f32x4(LN2_HI).f32x4Mul().f32x4Sub().get(t.n).f32x4(LN2_LO).f32x4Mul().f32x4Sub().set(t.r);
  c.f32x4(TAYLOR[0]);
  for (const k of TAYLOR.slice(1)) c.get(t.r).f32x4Mul().f32x4(k).f32x4Add();
  c.get(t.n).i32x4TruncSatF32x4S().i32x4(127).i32x4Add().i32(23).i32x4Shl().f32x4Mul();
}

/** Pops v, pushes 1 / (1 + e^−v). */
export function emitSigmoid(c: Code, t: ExpLocals): void {
  c.set(t.r).f32x4(0).get(t.r).f32x4Sub(); // −v
  emitExp(c, t);
  c.set(t.r).f32x4(1).f32x4(1).get(t.r).f32x4Add().f32x4Div();
}

/** Pops v, pushes 1 − 2 / (e^2v + 1). */
export function emitTanh(c: Code, t: ExpLocals): void {
  c.set(t.r).get(t.r).get(t.r).f32x4Add(); // 2v
  emitExp(c, t);
  c.set(t.r).f32x4(1).f32x4(2).get(t.r).f32x4(1).f32x4Add().f32x4Div().f32x4Sub();
}

/** map_<name>(dst, src, n): dst[k] = f(src[k]) for k < n, n a multiple of 4 (byte addresses). */
export function mapKernel(name: 'exp' | 'sigmoid' | 'tanh'): FunctionDef {
  const [DST, SRC, LEN, K] = [0, 1, 2, 3], t: ExpLocals = { x: 4, n: 5, r: 6 };
  const emit = { exp: emitExp, sigmoid: emitSigmoid, tanh: emitTanh }[name];
  const c = new Code();
  c.i32(0).set(K).block().loop();
  c.get(K).get(LEN).geS().brIf(1);
  c.get(DST).get(K).i32(2).shl().add();
  c.get(SRC).get(K).i32(2).shl().add().v128Load();
  emit(c, t);
  c.v128Store();
  c.get(K).i32(4).add().set(K).br(0);
  c.end().end();
  return { name: `map_${name}`, params: [I32, I32, I32], locals: [I32, V128, V128, V128], body: c };
}
