// The WebAssembly elementwise kernels (ReLU, |x|, forward and backward), row sums and row broadcasts against their JS
// twins, over fast-check lengths (every tail length mod 4) and values with exact zeros; and the rule that
// they run only on resident arrays.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { absBackwardJs, absForwardJs, reluBackwardJs, reluForwardJs } from '../../../lib/kernels/elementwise.ts';
import { sumRowsIntoJs } from '../../../lib/kernels/linear.ts';
import { WASM_MIN_ELEMENTS, absBackwardWasm, absForwardWasm, reluBackwardWasm, reluForwardWasm, sumRowsWasm } from '../../../lib/wasm/elementwise.ts';
import { fillRows } from '../../../lib/wasm/memory.ts';
import { reserve, residentKernels, settle, viewAt } from '../../../lib/wasm/resident.ts';
import { Rng } from '../../../lib/rng.ts';
import { seed } from '../../_support/tensors.ts';

const test = suite('lib/wasm/elementwise');

/** Fresh arrays in the resident memory (growing it first if they do not fit; earlier views are then stale). */
function residentArrays(sizes: readonly number[]): Float32Array[] {
  for (;;) {
    const at = sizes.map((n) => reserve(n));
    if (at.every((a) => a >= 0)) return sizes.map((n, j) => viewAt(at[j], n));
    settle();
  }
}

/** Values in [−1, 1] with +0, −0 (the kink of both functions) and NaN now and then. */
const values = (n: number, rng: Rng) => Float32Array.from({ length: n }, () => [0, -0, NaN][rng.int(24)] ?? rng.range(-1, 1));
/** Equal as Object.is: signed zeros must agree, NaN equals NaN. */
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
const lengths = fc.record({ n: fc.integer({ min: WASM_MIN_ELEMENTS, max: WASM_MIN_ELEMENTS + 300 }), s: seed() });

test('ReLU and |x| forward equal the JS loops', () => {
  fc.assert(fc.property(lengths, ({ n, s }) => {
    const rng = new Rng(s), inp = values(n, rng), eps = rng.int(2) ? 0 : Math.fround(1e-3);
    const [rIn, out] = residentArrays([n, n]);
    rIn.set(inp);
    const js = new Float32Array(n);
    assert.ok(reluForwardWasm(out, rIn, n));
    reluForwardJs(js, inp, n);
    assert.ok(same(out, js), 'relu');
    assert.ok(absForwardWasm(out, rIn, n, eps));
    absForwardJs(js, inp, n, eps);
    assert.ok(same(out, js), 'abs');
  }), { numRuns: 40 });
});

test('ReLU and |x| backward accumulate as the JS loops', () => {
  fc.assert(fc.property(lengths, ({ n, s }) => {
    const rng = new Rng(s), inp = values(n, rng), dOut = values(n, rng), start = values(n, rng);
    for (const [wasm, js] of [[reluBackwardWasm, reluBackwardJs], [absBackwardWasm, absBackwardJs]] as const) {
      const [rIn, rOut, dInp] = residentArrays([n, n, n]);
      rIn.set(inp);
      rOut.set(dOut);
      dInp.set(start);
      const expected = start.slice();
      assert.ok(wasm(dInp, rOut, rIn, n));
      js(expected, dOut, inp, n);
      assert.ok(same(dInp, expected), wasm.name);
    }
  }), { numRuns: 40 });
});

test('row sums equal the JS loop (same order of additions: the same bits)', () => {
  fc.assert(fc.property(fc.record({ R: fc.integer({ min: 64, max: 300 }), C: fc.integer({ min: 4, max: 21 }), s: seed() }), ({ R, C, s }) => {
    const rng = new Rng(s), src = values(R * C, rng).map((v) => (Number.isNaN(v) ? 0.5 : v)), dst = values(C, rng).map((v) => (Number.isNaN(v) ? 0.5 : v));
    const [rSrc] = residentArrays([R * C]);
    rSrc.set(src);
    const got = dst.slice(), expected = dst.slice();
    assert.ok(sumRowsWasm(got, rSrc, R, C));
    sumRowsIntoJs(expected, src, R, C);
    assert.ok(same(got, expected));
  }), { numRuns: 40 });
});

test('fill_rows broadcasts a row (C a multiple of 4) as the JS fillRows does', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 12 }), seed(), (rows, C4, s) => {
    const C = 4 * C4, rng = new Rng(s), rowData = values(C, rng);
    const [dst, row] = residentArrays([rows * C + 4, C]);
    dst.fill(-7);
    row.set(rowData);
    residentKernels().fill_rows(dst.byteOffset, row.byteOffset, rows, C);
    const expected = new Float32Array(rows * C + 4).fill(-7);
    fillRows(expected, 0, rowData, rows);
    assert.equal(Array.from(dst), Array.from(expected));
  }), { numRuns: 60 });
});

test('arrays outside the resident memory, or too short, are left to the JS loops', () => {
  const n = WASM_MIN_ELEMENTS, plain = new Float32Array(n), [resident, short] = residentArrays([n, 8]);
  assert.not.ok(reluForwardWasm(plain, resident, n));
  assert.not.ok(reluForwardWasm(resident, plain, n));
  assert.not.ok(absBackwardWasm(resident, resident, plain, n));
  assert.not.ok(reluForwardWasm(short, short, 8));
  assert.not.ok(absForwardWasm(resident, resident, n, 1e-10), 'an eps float32 cannot hold: the JS loop adds it in double');
  assert.not.ok(sumRowsWasm(new Float32Array(4), new Float32Array(4 * n), n, 4));
});

test.run();
