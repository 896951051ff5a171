// The WebAssembly SIMD matrix-product kernels, emitted as code (lib/wasm/emit.ts). Register tiles of
// R rows x 4V columns: per k, V f32x4 loads of B's row, one splat of A per row, R·V multiply-adds into
// v128 accumulators; the k loop stays rolled (V8 unrolls it; unrolled by hand, TurboFan spills).
// Tiles: 4x8 over the bulk, then 4x4, 1x8 and 1x4 for the remaining rows and column blocks; columns
// past the last multiple of 4 are left to the caller. Every kernel ACCUMULATES: out += A·B.
// M = rows of out, N = columns of out, K = contracted dimension; addresses are byte offsets into memory.
import { Code, I32, V128, type FunctionDef, type ValType } from './emit.ts';

/** A's layout: 'nn' A is (M, K); 'tn' A is (K, M) (the transposed operand of a backward pass). */
export type ALayout = 'nn' | 'tn';

// parameters
const O = 0, A = 1, B = 2, M = 3, K = 4, N = 5;
// i32 locals
const I = 6, J = 7, KK = 8, PB = 9, PA = 10 /* PA .. PA+3: one pointer per row (nn) */, PO = 14, NB = 15, AS = 16, T = 17;
// v128 locals
const X = 18, BV = 19 /* BV, BV+1 */, ACC = 21 /* 8 accumulators */;
const LOCALS: ValType[] = [...new Array(T - I + 1).fill(I32), ...new Array(1 + 2 + 8).fill(V128)];

/** for (; counter + step <= limit; counter += step) body */
function forSteps(c: Code, counter: number, step: number, limit: number, body: () => void): void {
  c.block().loop();
  c.get(counter).i32(step).add().get(limit).gtS().brIf(1);
  body();
  c.get(counter).i32(step).add().set(counter).br(0);
  c.end().end();
}

/** One R x 4V tile at (I, J): accumulate over all k, then add into out. */
function tile(c: Code, layout: ALayout, R: number, V: number): void {
  for (let t = 0; t < R * V; t++) c.v128Zero().set(ACC + t);
  // pb = b + 4j; A pointers: nn row r at a + 4(i + r)K, tn at a + 4i (rows at immediate offsets 4r)
  c.get(B).get(J).i32(2).shl().add().set(PB);
  if (layout === 'nn') for (let r = 0; r < R; r++) c.get(A).get(I).i32(r).add().get(K).mul().i32(2).shl().add().set(PA + r);
  else c.get(A).get(I).i32(2).shl().add().set(PA);
  c.i32(0).set(KK);
  c.loop();
  for (let v = 0; v < V; v++) c.get(PB).v128Load(16 * v).set(BV + v);
  for (let r = 0; r < R; r++) {
    if (layout === 'nn') c.get(PA + r).load32Splat(0);
    else c.get(PA).load32Splat(4 * r);
    c.set(X);
    for (let v = 0; v < V; v++) c.get(ACC + r * V + v).get(X).get(BV + v).f32x4Mul().f32x4Add().set(ACC + r * V + v);
  }
  c.get(PB).get(NB).add().set(PB);
  if (layout === 'nn') for (let r = 0; r < R; r++) c.get(PA + r).i32(4).add().set(PA + r);
  else c.get(PA).get(AS).add().set(PA);
  c.get(KK).i32(1).add().tee(KK).get(K).ltS().brIf(0);
  c.end();
  // out rows: po = o + 4(iN + j), row r at po + r·4N
  c.get(O).get(I).get(N).mul().get(J).add().i32(2).shl().add().set(PO);
  for (let r = 0; r < R; r++) {
    for (let v = 0; v < V; v++) {
      c.get(PO).get(PO).v128Load(16 * v).get(ACC + r * V + v).f32x4Add().v128Store(16 * v);
    }
    if (r < R - 1) c.get(PO).get(NB).add().set(PO);
  }
}

/** Rows in tiles of R, and within each the column blocks of 8 then 4. */
function rows(c: Code, layout: ALayout, R: number): void {
  forSteps(c, I, R, M, () => {
    c.i32(0).set(J);
    forSteps(c, J, 8, N, () => tile(c, layout, R, 2));
    forSteps(c, J, 4, N, () => tile(c, layout, R, 1));
  });
}

/** out (M, N) += A · B (K, N) with A (M, K) for 'nn' or (K, M) for 'tn'; columns 4·⌊N/4⌋ and up untouched. Requires K ≥ 1. */
export function matmulKernel(layout: ALayout): FunctionDef {
  const c = new Code();
  c.get(N).i32(2).shl().set(NB); // bytes per row of B and of out
  c.get(M).i32(2).shl().set(AS); // bytes per row of A in the tn layout
  c.i32(0).set(I);
  rows(c, layout, 4);
  rows(c, layout, 1);
  return { name: `matmul_${layout}`, params: [I32, I32, I32, I32, I32, I32], locals: LOCALS, body: c };
}

/** sum_rows(dst, src, R, C, S): dst (C) += Σ_r src[r] over R rows of stride S floats; C a multiple of 4 (byte addresses). */
export function sumRowsKernel(): FunctionDef {
  const [DST, SRC, ROWS, COLS, STRIDE, R, C, P] = [0, 1, 2, 3, 4, 5, 6, 7];
  const c = new Code();
  c.get(SRC).set(P).i32(0).set(R).block().loop();
  c.get(R).get(ROWS).geS().brIf(1);
  c.i32(0).set(C).block().loop();
  c.get(C).get(COLS).geS().brIf(1);
  c.get(DST).get(C).i32(2).shl().add(); // address for the store
  c.get(DST).get(C).i32(2).shl().add().v128Load().get(P).get(C).i32(2).shl().add().v128Load().f32x4Add().v128Store();
  c.get(C).i32(4).add().set(C).br(0);
  c.end().end();
  c.get(P).get(STRIDE).i32(2).shl().add().set(P);
  c.get(R).i32(1).add().set(R).br(0);
  c.end().end();
  return { name: 'sum_rows', params: [I32, I32, I32, I32, I32], locals: [I32, I32, I32], body: c };
}

/**
 * matmul_nt_dots(o, a, b, M, K, N, K4): out (M, N) += A (M, K) · B (N, K)ᵀ over k < K4 (a multiple of 4;
 * the caller adds the rest) — one SIMD dot product per output, for products with few output columns (a
 * Q head over 2 actions), where the 4-column tiles do not apply and B needs no transposing.
 */
export function matmulNtDotsKernel(): FunctionDef {
  const [O_, A_, B_, M_, K_, N_, K4] = [0, 1, 2, 3, 4, 5, 6], [I_, J_, KK_, PA_, PB_, PO_, ACC_] = [7, 8, 9, 10, 11, 12, 13];
  const c = new Code();
  const upTo = (counter: number, limit: number, step: number, body: () => void) => {
    c.i32(0).set(counter).block().loop();
    c.get(counter).get(limit).geS().brIf(1);
    body();
    c.get(counter).i32(step).add().set(counter).br(0);
    c.end().end();
  };
  upTo(I_, M_, 1, () => {
    c.get(A_).get(I_).get(K_).mul().i32(2).shl().add().set(PA_);
    upTo(J_, N_, 1, () => {
      c.get(B_).get(J_).get(K_).mul().i32(2).shl().add().set(PB_);
      c.v128Zero().set(ACC_);
      upTo(KK_, K4, 4, () => {
        c.get(ACC_);
        c.get(PA_).get(KK_).i32(2).shl().add().v128Load();
        c.get(PB_).get(KK_).i32(2).shl().add().v128Load();
        c.f32x4Mul().f32x4Add().set(ACC_);
      });
      c.get(O_).get(I_).get(N_).mul().get(J_).add().i32(2).shl().add().set(PO_);
      c.get(PO_).get(PO_).f32Load();
      for (let lane = 0; lane < 4; lane++) c.get(ACC_).f32x4Extract(lane).f32Add();
      c.f32Store();
    });
  });
  return { name: 'matmul_nt_dots', params: new Array<ValType>(7).fill(I32), locals: [...new Array<ValType>(6).fill(I32), V128], body: c };
}
