// The kernel backend, chosen once at load: AVF_BACKEND=js|wasm, default wasm where WebAssembly SIMD
// validates. The WebAssembly module is emitted from TypeScript (matmul-kernels.ts) and compiled on first
// use; each instance imports one memory. The staging instance's memory receives copies of a call's
// operands; the resident instance's (resident.ts) holds the training arenas' buffers, used in place.
import { emitModule } from './emit.ts';
import { absBackwardKernel, absForwardKernel, fillRowsKernel, reluBackwardKernel, reluForwardKernel } from './elementwise-kernels.ts';
import { mapKernel } from './exp.ts';
import { gruActivateKernel, gruGateGradsKernel } from './gru-kernels.ts';
import { matmulKernel, matmulNtDotsKernel, sumRowsKernel } from './matmul-kernels.ts';

export type BackendName = 'js' | 'wasm';

/** The part of the WebAssembly JS API used here (typed locally: the core targets runtimes without DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
/** The runtime's WebAssembly object, if it has one. */
export const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

type Ptr = number;
/** The kernels (every pointer a byte offset into the memory; see each emitter for the maths). */
interface Exports {
  matmul_nn(o: Ptr, a: Ptr, b: Ptr, M: number, K: number, N: number): void;
  matmul_tn(o: Ptr, a: Ptr, b: Ptr, M: number, K: number, N: number): void;
  matmul_nt_dots(o: Ptr, a: Ptr, b: Ptr, M: number, K: number, N: number, K4: number): void;
  sum_rows(dst: Ptr, src: Ptr, R: number, C: number, stride: number): void;
  gru_activate(hOut: Ptr, gates: Ptr, gh: Ptr, h: Ptr, B: number, H: number): void;
  gru_activate_h0(hOut: Ptr, gates: Ptr, gh: Ptr, h: Ptr, B: number, H: number): void;
  gru_gate_grads(dGi: Ptr, dGh: Ptr, dH: Ptr, dhOut: Ptr, h: Ptr, gates: Ptr, gh: Ptr, B: number, H: number): void;
  gru_gate_grads_h0(dGi: Ptr, dGh: Ptr, dH: Ptr, dhOut: Ptr, h: Ptr, gates: Ptr, gh: Ptr, B: number, H: number): void;
  map_exp(dst: Ptr, src: Ptr, n: number): void;
  map_sigmoid(dst: Ptr, src: Ptr, n: number): void;
  map_tanh(dst: Ptr, src: Ptr, n: number): void;
  relu_fwd(dst: Ptr, src: Ptr, n: number): void;
  relu_bwd(dInp: Ptr, dOut: Ptr, inp: Ptr, n: number): void;
  abs_fwd(dst: Ptr, src: Ptr, n: number, eps: number): void;
  abs_bwd(dInp: Ptr, dOut: Ptr, inp: Ptr, n: number): void;
  fill_rows(dst: Ptr, row: Ptr, rows: number, C: number): void;
}

export interface WasmKernels extends Exports {
  readonly memory: WasmMemory;
}

let bytes: Uint8Array | null = null;

/** The kernel module's bytes (emitted once). */
export function moduleBytes(): Uint8Array {
  bytes ??= emitModule([
    matmulKernel('nn'), matmulKernel('tn'), sumRowsKernel(), matmulNtDotsKernel(),
    gruActivateKernel(true), gruActivateKernel(false), gruGateGradsKernel(true), gruGateGradsKernel(false),
    mapKernel('exp'), mapKernel('sigmoid'), mapKernel('tanh'),
    reluForwardKernel(), reluBackwardKernel(), absForwardKernel(), absBackwardKernel(), fillRowsKernel(),
  ]);
  return bytes;
}

/** True when this runtime compiles WebAssembly with SIMD. */
export function wasmSimdAvailable(): boolean {
  try {
    return api !== undefined && api.validate(moduleBytes());
  } catch {
    return false;
  }
}

function requested(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.AVF_BACKEND;
}

function choose(): BackendName {
  const wanted = requested();
  if (wanted !== undefined && wanted !== 'js' && wanted !== 'wasm') throw new RangeError(`AVF_BACKEND must be js or wasm, got '${wanted}'`);
  if (wanted === 'js') return 'js';
  if (wasmSimdAvailable()) return 'wasm';
  if (wanted === 'wasm') throw new Error('AVF_BACKEND=wasm, but this runtime does not compile WebAssembly SIMD');
  return 'js';
}

/** The backend of this process. */
export const BACKEND: BackendName = choose();

/** A fresh instance of the kernel module on its own memory of `pages` 64 KiB pages. */
export function instantiate(pages: number): WasmKernels {
  if (api === undefined) throw new Error('this runtime has no WebAssembly');
  const memory = new api.Memory({ initial: pages });
  const instance = new api.Instance(new api.Module(moduleBytes()), { env: { memory } });
  return { memory, ...(instance.exports as unknown as Exports) };
}

let kernels: WasmKernels | null = null;

/** The staging instance of the kernels: operands are copied into its memory for a call (compiled on first use). */
export function wasmKernels(): WasmKernels {
  kernels ??= instantiate(16);
  return kernels;
}
