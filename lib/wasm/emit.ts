// A small WebAssembly binary emitter: just what the kernel module needs (one imported memory, functions
// over i32 / f32 / v128 locals, structured control flow, loads and stores, the SIMD f32x4 subset).
// Kernels are written as TypeScript that calls these helpers; the bytes are produced at load time,
// so there is no toolchain, no checked-in binary and no string evaluation. Reference: the WebAssembly
// core specification, binary format (§5) and the fixed-width SIMD proposal's opcode table.

export const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(value: number): number[] {
  const out: number[] = [];
  value |= 0;
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(utf8(s).length), ...utf8(s)];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** The 16 little-endian bytes of a v128 constant. */
const lanes = (a: Float32Array | Int32Array) => [...new Uint8Array(a.buffer)];

/** The instructions of one function body; every method appends and returns this (for chaining). */
export class Code {
  readonly bytes: number[] = [];

  private op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(0xfd, ...uleb(opcode), ...immediates);
  }

  // variables
  get(local: number) { return this.op(0x20, ...uleb(local)); }
  set(local: number) { return this.op(0x21, ...uleb(local)); }
  tee(local: number) { return this.op(0x22, ...uleb(local)); }
  // i32 arithmetic and comparisons
  i32(value: number) { return this.op(0x41, ...sleb(value)); }
  add() { return this.op(0x6a); }
  sub() { return this.op(0x6b); }
  mul() { return this.op(0x6c); }
  shl() { return this.op(0x74); }
  ltS() { return this.op(0x48); }
  geS() { return this.op(0x4e); }
  gtS() { return this.op(0x4a); }
  eqz() { return this.op(0x45); }
  // control: block / loop / if take no parameters and yield nothing here
  block() { return this.op(0x02, 0x40); }
  loop() { return this.op(0x03, 0x40); }
  if() { return this.op(0x04, 0x40); }
  end() { return this.op(0x0b); }
  br(depth: number) { return this.op(0x0c, ...uleb(depth)); }
  brIf(depth: number) { return this.op(0x0d, ...uleb(depth)); }
  // f32 scalar memory and arithmetic (align 2 = 4 bytes; offset in bytes)
  f32Load(offset = 0) { return this.op(0x2a, 2, ...uleb(offset)); }
  f32Store(offset = 0) { return this.op(0x38, 2, ...uleb(offset)); }
  f32Add() { return this.op(0x92); }
  f32Mul() { return this.op(0x94); }
  f32Const0() { return this.op(0x43, 0, 0, 0, 0); }
  // SIMD: f32x4 (memory alignment hints are 2^2 = 4 bytes; no access needs 16-byte alignment)
  v128Load(offset = 0) { return this.simd(0x00, 2, ...uleb(offset)); }
  v128Store(offset = 0) { return this.simd(0x0b, 2, ...uleb(offset)); }
  load32Splat(offset = 0) { return this.simd(0x09, 2, ...uleb(offset)); }
  v128Zero() { return this.simd(0x0c, ...new Array(16).fill(0)); }
  f32x4Add() { return this.simd(0xe4); }
  f32x4Sub() { return this.simd(0xe5); }
  f32x4Mul() { return this.simd(0xe6); }
  f32x4Div() { return this.simd(0xe7); }
  f32x4Min() { return this.simd(0xe8); }
  f32x4Max() { return this.simd(0xe9); }
  f32x4Nearest() { return this.simd(0x6a); }
  f32x4Abs() { return this.simd(0xe0); }
  /** f32x4.gt / f32x4.lt: lane masks (all ones where true) */
  f32x4Gt() { return this.simd(0x44); }
  f32x4Lt() { return this.simd(0x43); }
  v128And() { return this.simd(0x4e); }
  /** v128.bitselect(a, b, mask): bits of a where the mask is 1, of b elsewhere */
  v128Bitselect() { return this.simd(0x52); }
  f32x4Neg() { return this.simd(0xe1); }
  /** f32x4.splat of an f32 on the stack */
  f32x4Splat() { return this.simd(0x13); }
  f32x4Extract(lane: number) { return this.simd(0x1f, lane); }
  /** v128.const with the same f32 in every lane */
  f32x4(value: number) { return this.simd(0x0c, ...lanes(Float32Array.of(value, value, value, value))); }
  /** v128.const with the same i32 in every lane */
  i32x4(value: number) { return this.simd(0x0c, ...lanes(Int32Array.of(value, value, value, value))); }
  i32x4TruncSatF32x4S() { return this.simd(0xf8); }
  i32x4Add() { return this.simd(0xae); }
  /** i32x4.shl: v128 and an i32 shift count on the stack */
  i32x4Shl() { return this.simd(0xab); }
}

export interface FunctionDef {
  name: string;
  params: ValType[];
  /** result types (default none) */
  results?: ValType[];
  /** types of the locals after the parameters (indices continue from params.length) */
  locals: ValType[];
  body: Code;
}

/** A module importing `env.memory` (at least `minPages` 64 KiB pages) and exporting the functions. */
export function emitModule(functions: readonly FunctionDef[], minPages = 1): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec((f.results ?? []).map((t) => [t]))]);
  const imports = vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(minPages)]]); // memory, limits: min only
  const funcs = vec(functions.map((_, k) => uleb(k)));
  const exports = vec(functions.map((f, k) => [...name(f.name), 0x00, ...uleb(k)]));
  const bodies = vec(functions.map((f) => {
    const groups: number[][] = [];
    for (const t of f.locals) {
      const last = groups.at(-1);
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const body = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...f.body.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  }));
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)), ...section(2, imports), ...section(3, funcs), ...section(7, exports), ...section(10, bodies),
  ]);
}
