// The part of ndarray-ops used by specs and benches (the package ships no types).
declare module 'ndarray-ops' {
  import type { NdArray } from 'ndarray';
  type Op2 = (dest: NdArray, a: NdArray) => NdArray;
  type Op3 = (dest: NdArray, a: NdArray, b: NdArray) => NdArray;
  type OpS = (dest: NdArray, a: NdArray, s: number) => NdArray;
  type OpEq = (dest: NdArray) => NdArray;
  type OpSEq = (dest: NdArray, s: number) => NdArray;
  const ops: {
    add: Op3; sub: Op3; mul: Op3; addeq: (dest: NdArray, a: NdArray) => NdArray;
    abs: Op2; exp: Op2; expeq: OpEq; recipeq: OpEq;
    maxs: OpS; mins: OpS; muls: OpS; adds: OpS;
    addseq: OpSEq; subseq: OpSEq; mulseq: OpSEq;
    sum: (a: NdArray) => number; sup: (a: NdArray) => number; inf: (a: NdArray) => number; argmax: (a: NdArray) => number[];
  };
  export default ops;
}
