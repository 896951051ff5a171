// Elementwise WebAssembly SIMD kernels for the passes of an update that run on whole activations: ReLU
// and |x| (QMIX's non-negative weights), forward and backward, four lanes at a time over n elements
// (n a multiple of 4; the caller finishes the rest). Each computes exactly what its JS twin in
// lib/kernels/elementwise.ts computes, in f32 — the same values, signed zeros included (NaN where it gives
// NaN), so a result never depends on which path ran. Backward kernels ACCUMULATE (d += …).
// Addresses are byte offsets into memory; n counts elements.
import { Code, F32, I32, type FunctionDef, type ValType } from './emit.ts';

/** for (k = 0; k < n; k += 4) { body(address offset 4k on the stack as needed) } with the i32 local K. */
function lanes(c: Code, n: number, k: number, body: () => void): void {
  c.i32(0).set(k).block().loop();
  c.get(k).get(n).geS().brIf(1);
  body();
  c.get(k).i32(4).add().set(k).br(0);
  c.end().end();
}

/** Pushes the address of element k of the array at byte offset `ptr`. */
const at = (c: Code, ptr: number, k: number) => c.get(ptr).get(k).i32(2).shl().add();

/** relu_fwd(dst, src, n): dst = src where src > 0, else +0 (NaN → 0, as the JS loop). */
export function reluForwardKernel(): FunctionDef {
  const [DST, SRC, N, K] = [0, 1, 2, 3], c = new Code();
  lanes(c, N, K, () => {
    at(c, DST, K);
    at(c, SRC, K).v128Load();
    at(c, SRC, K).v128Load().f32x4(0).f32x4Gt().v128And().v128Store();
  });
  return { name: 'relu_fwd', params: [I32, I32, I32], locals: [I32], body: c };
}

/** relu_bwd(dInp, dOut, inp, n): dInp += dOut where inp > 0; other lanes keep their bits. */
export function reluBackwardKernel(): FunctionDef {
  const [DI, DO, INP, N, K] = [0, 1, 2, 3, 4], c = new Code();
  lanes(c, N, K, () => {
    at(c, DI, K);
    at(c, DI, K).v128Load();
    at(c, DO, K).v128Load().f32x4Add();
    at(c, DI, K).v128Load();
    at(c, INP, K).v128Load().f32x4(0).f32x4Gt().v128Bitselect().v128Store();
  });
  return { name: 'relu_bwd', params: [I32, I32, I32, I32], locals: [I32], body: c };
}

/** abs_fwd(dst, src, n, eps): dst = |src| + eps. */
export function absForwardKernel(): FunctionDef {
  const [DST, SRC, N, EPS, K] = [0, 1, 2, 3, 4], c = new Code();
  lanes(c, N, K, () => {
    at(c, DST, K);
    at(c, SRC, K).v128Load().f32x4Abs().get(EPS).f32x4Splat().f32x4Add().v128Store();
  });
  const params: ValType[] = [I32, I32, I32, F32];
  return { name: 'abs_fwd', params, locals: [I32], body: c };
}

/** abs_bwd(dInp, dOut, inp, n): dInp += (dOut if inp > 0, −dOut if inp < 0, +0 otherwise), as the JS loop. */
export function absBackwardKernel(): FunctionDef {
  const [DI, DO, INP, N, K] = [0, 1, 2, 3, 4], c = new Code();
  lanes(c, N, K, () => {
    at(c, DI, K);
    at(c, DI, K).v128Load();
    at(c, DO, K).v128Load(); //                                 dOut where inp > 0, else …
    at(c, DO, K).v128Load().f32x4Neg().f32x4(0); //             … −dOut where inp < 0, else +0
    at(c, INP, K).v128Load().f32x4(0).f32x4Lt().v128Bitselect();
    at(c, INP, K).v128Load().f32x4(0).f32x4Gt().v128Bitselect();
    c.f32x4Add().v128Store();
  });
  return { name: 'abs_bwd', params: [I32, I32, I32, I32], locals: [I32], body: c };
}

/** fill_rows(dst, row, rows, C): dst (rows, C) ← the row (C) on every row; C a multiple of 4 (a bias broadcast). */
export function fillRowsKernel(): FunctionDef {
  const [DST, ROW, ROWS, C, R, K, P] = [0, 1, 2, 3, 4, 5, 6], c = new Code();
  c.get(DST).set(P).i32(0).set(R).block().loop();
  c.get(R).get(ROWS).geS().brIf(1);
  lanes(c, C, K, () => {
    at(c, P, K);
    at(c, ROW, K).v128Load().v128Store();
  });
  c.get(P).get(C).i32(2).shl().add().set(P);
  c.get(R).i32(1).add().set(R).br(0);
  c.end().end();
  return { name: 'fill_rows', params: [I32, I32, I32, I32], locals: [I32, I32, I32], body: c };
}
