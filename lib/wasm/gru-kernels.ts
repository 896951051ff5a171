// The GRU gate passes as WebAssembly SIMD kernels, four hidden units at a time (H a multiple of 4), the
// same maths as activate() and gateGrads() in lib/kernels/gru.ts (PyTorch gate order r, z, n):
//   forward   r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), h' = (1 − z) ⊙ n + z ⊙ h
//   backward  dn = dh (1 − z)(1 − n²), dz = dh (h − n) z (1 − z), dr = dn ⊙ gh_n ⊙ r (1 − r), dH += dh ⊙ z
// Each comes in two variants, with a previous state h and without (h = 0, the first step).
// B = batch rows, H = hidden size, G = 3H; every matrix row-major; addresses are byte offsets.
import { Code, I32, V128, type FunctionDef, type ValType } from './emit.ts';
import { emitSigmoid, emitTanh, type ExpLocals } from './exp.ts';

/** Emits the byte address base + off + block·4H (gate block 0, 1 or 2 of a row), H4 holding 4H. */
const addressOf = (c: Code, H4: number) => (base: number, off: number, block: number) => {
  c.get(base).get(off).add();
  for (let k = 0; k < block; k++) c.get(H4).add();
};

/** Row loop over b < B with, inside, a loop over units j < H in steps of 4; `go` / `ho` are the byte
 * offsets of unit j in a (B, 3H) and a (B, H) row-major matrix. */
function rowsAndUnits(c: Code, l: { b: number; j: number; go: number; ho: number; B: number; H: number }, body: () => void): void {
  c.i32(0).set(l.b).block().loop();
  c.get(l.b).get(l.B).geS().brIf(1);
  c.get(l.b).get(l.H).mul().i32(2).shl().tee(l.ho).i32(3).mul().set(l.go); // go = 3·ho at j = 0
  c.i32(0).set(l.j).loop();
  body();
  c.get(l.go).i32(16).add().set(l.go).get(l.ho).i32(16).add().set(l.ho);
  c.get(l.j).i32(4).add().tee(l.j).get(l.H).ltS().brIf(0).end();
  c.get(l.b).i32(1).add().set(l.b).br(0);
  c.end().end();
}

/** gru_activate[_h0](hOut, gates, gh, h, B, H): gates (B, 3H) gi in, [r, z, n] out; hOut (B, H). */
export function gruActivateKernel(withH: boolean): FunctionDef {
  const [HOUT, GATES, GH, HPREV, B, H] = [0, 1, 2, 3, 4, 5];
  const [b, j, go, ho, H4] = [6, 7, 8, 9, 10];
  const t: ExpLocals = { x: 11, n: 12, r: 13 }, [R, Z, N] = [14, 15, 16];
  const locals: ValType[] = [I32, I32, I32, I32, I32, V128, V128, V128, V128, V128, V128];
  const c = new Code(), at = addressOf(c, H4);
  c.get(H).i32(2).shl().set(H4);
  rowsAndUnits(c, { b, j, go, ho, B, H }, () => {
    at(GATES, go, 0); c.v128Load(); at(GH, go, 0); c.v128Load(); c.f32x4Add(); emitSigmoid(c, t); c.set(R);
    at(GATES, go, 1); c.v128Load(); at(GH, go, 1); c.v128Load(); c.f32x4Add(); emitSigmoid(c, t); c.set(Z);
    at(GATES, go, 2); c.v128Load(); c.get(R); at(GH, go, 2); c.v128Load(); c.f32x4Mul().f32x4Add(); emitTanh(c, t); c.set(N);
    at(GATES, go, 0); c.get(R).v128Store();
    at(GATES, go, 1); c.get(Z).v128Store();
    at(GATES, go, 2); c.get(N).v128Store();
    at(HOUT, ho, 0);
    c.f32x4(1).get(Z).f32x4Sub().get(N).f32x4Mul();
    if (withH) { at(HPREV, ho, 0); c.v128Load().get(Z).f32x4Mul().f32x4Add(); }
    c.v128Store();
  });
  return { name: withH ? 'gru_activate' : 'gru_activate_h0', params: [I32, I32, I32, I32, I32, I32], locals, body: c };
}

/** gru_gate_grads[_h0](dGi, dGh, dH, dhOut, h, gates, gh, B, H): dGi, dGh (B, 3H) overwritten; dH (B, H) += dh ⊙ z (with h). */
export function gruGateGradsKernel(withH: boolean): FunctionDef {
  const [DGI, DGH, DH, DHOUT, HPREV, GATES, GH, B, H] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [b, j, go, ho, H4] = [9, 10, 11, 12, 13];
  const [R, Z, N, D, DN, DZ, DR] = [14, 15, 16, 17, 18, 19, 20];
  const locals: ValType[] = [I32, I32, I32, I32, I32, V128, V128, V128, V128, V128, V128, V128];
  const c = new Code(), at = addressOf(c, H4);
  c.get(H).i32(2).shl().set(H4);
  rowsAndUnits(c, { b, j, go, ho, B, H }, () => {
    at(GATES, go, 0); c.v128Load().set(R);
    at(GATES, go, 1); c.v128Load().set(Z);
    at(GATES, go, 2); c.v128Load().set(N);
    at(DHOUT, ho, 0); c.v128Load().set(D);
    if (withH) { at(DH, ho, 0); at(DH, ho, 0); c.v128Load().get(D).get(Z).f32x4Mul().f32x4Add().v128Store(); }
    // dn = dh (1 − z)(1 − n²)
    c.get(D).f32x4(1).get(Z).f32x4Sub().f32x4Mul().f32x4(1).get(N).get(N).f32x4Mul().f32x4Sub().f32x4Mul().set(DN);
    // dz = dh (h − n) z (1 − z)
    if (withH) { at(HPREV, ho, 0); c.v128Load(); } else c.f32x4(0);
    c.get(N).f32x4Sub().get(D).f32x4Mul().get(Z).f32x4Mul().f32x4(1).get(Z).f32x4Sub().f32x4Mul().set(DZ);
    // dr = dn ⊙ gh_n ⊙ r (1 − r)
    c.get(DN); at(GH, go, 2); c.v128Load().f32x4Mul().get(R).f32x4Mul().f32x4(1).get(R).f32x4Sub().f32x4Mul().set(DR);
    at(DGI, go, 0); c.get(DR).v128Store();
    at(DGI, go, 1); c.get(DZ).v128Store();
    at(DGI, go, 2); c.get(DN).v128Store();
    at(DGH, go, 0); c.get(DR).v128Store();
    at(DGH, go, 1); c.get(DZ).v128Store();
    at(DGH, go, 2); c.get(DN).get(R).f32x4Mul().v128Store();
  });
  return { name: withH ? 'gru_gate_grads' : 'gru_gate_grads_h0', params: new Array<ValType>(9).fill(I32), locals, body: c };
}
