// The fused GRU cell against the same maths composed from primitive autograd ops (values and every
// gradient), and against central differences.
import { BACKEND } from '../../../lib/wasm/backend.ts';
import { suite } from 'uvu';
import fc from 'fast-check';
import { Rng } from '../../../lib/rng.ts';
import { gruCell, gruSequence } from '../../../autograd/ops/fused.ts';
import { concatRows, sliceRows } from '../../../autograd/ops/layout.ts';
import { composedGru } from '../../_support/composed.ts';
import { Tensor, backward } from '../../../autograd/tensor.ts';
import { assertGradcheck } from '../../_support/gradcheck.ts';
import { assertClose, dim, randomTensor, seed } from '../../_support/tensors.ts';
import { packLengths, packedOffsets } from '../../../lib/kernels/packing.ts';

const test = suite('lib/kernels/gru');

function makeInputs(B: number, I: number, H: number, s: number): Tensor[] {
  const rng = new Rng(s);
  return [
    randomTensor([B, I], rng), randomTensor([B, H], rng),
    randomTensor([3 * H, I], rng), randomTensor([3 * H, H], rng),
    randomTensor([3 * H], rng), randomTensor([3 * H], rng),
  ];
}

const shapes = fc.record({ B: dim(4), I: dim(5), H: dim(5), s: seed() });

test('fused forward and backward equal the composed primitive ops', () => {
  fc.assert(fc.property(shapes, ({ B, I, H, s }) => {
    const inputs = makeInputs(B, I, H, s);
    const seedGrad = new Rng(s + 1);
    const dOut = Float32Array.from({ length: B * H }, () => seedGrad.range(-1, 1));
    const fused = gruCell(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5]);
    backward(fused, dOut);
    const fusedGrads = inputs.map((t) => t.grad!.slice());
    for (const t of inputs) t.grad = null;
    const composed = composedGru(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5]);
    backward(composed, dOut);
    assertClose(fused.data, composed.data, 1e-6, 'h′');
    inputs.forEach((t, k) => assertClose(fusedGrads[k], t.grad!, 1e-5, `gradient of input ${k}`));
  }), { numRuns: 60 });
});

test('fused backward matches central differences', () => {
  fc.assert(fc.property(shapes, ({ B, I, H, s }) => {
    assertGradcheck((t) => gruCell(t[0], t[1], t[2], t[3], t[4], t[5]), makeInputs(B, I, H, s));
  }), { numRuns: 25 });
});

test('h = null (the zero initial state) is bit-identical to a zero h, values and every gradient', () => {
  fc.assert(fc.property(shapes, ({ B, I, H, s }) => {
    const inputs = makeInputs(B, I, H, s);
    inputs[1].data.fill(0);
    const dOut = Float32Array.from({ length: B * H }, (_, k) => Math.sin(k + s));
    const withZeros = gruCell(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5]);
    backward(withZeros, dOut);
    const expected = inputs.map((t) => t.grad!.slice());
    for (const t of inputs) t.grad = null;
    const withNull = gruCell(inputs[0], null, inputs[2], inputs[3], inputs[4], inputs[5]);
    backward(withNull, dOut);
    assertClose(withNull.data, withZeros.data, 0, 'h′');
    for (const k of [0, 2, 3, 4, 5]) assertClose(inputs[k].grad!, expected[k], 0, `gradient of input ${k}`);
  }), { numRuns: 40 });
});

test('with zero weights the cell halves the hidden state (z = r = 0.5, n = 0)', () => {
  const h = new Tensor(Float32Array.of(2, -4), [1, 2]);
  const zero = (shape: number[]) => new Tensor(new Float32Array(shape.reduce((a, b) => a * b)), shape);
  const out = gruCell(zero([1, 3]), h, zero([6, 3]), zero([6, 2]), zero([6]), zero([6]));
  assertClose(out.data, [1, -2], 0);
});

/** xs (P, I) and the cell's parameters wIh, wHh, bIh, bHh */
function sequenceInputs(P: number, I: number, H: number, s: number): Tensor[] {
  const rng = new Rng(s);
  return [randomTensor([P, I], rng), randomTensor([3 * H, I], rng), randomTensor([3 * H, H], rng), randomTensor([3 * H], rng), randomTensor([3 * H], rng)];
}

// B sequences of lengths 1 … T (all T when `equal`), packed longest first
const sequences = fc.record({
  lengths: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), equal: fc.boolean(),
  I: dim(4), H: dim(4), zeroTail: fc.integer({ min: 0, max: 5 }), s: seed(),
}).map((c) => {
  const lengths = Int32Array.from(c.lengths, (n) => (c.equal ? Math.max(...c.lengths) : n));
  const { batchSizes } = packLengths(lengths);
  return { ...c, batchSizes, off: packedOffsets(batchSizes), P: lengths.reduce((a, n) => a + n, 0) };
});

// On the JS backend the sequence op and the cell share every loop: hidden states agree bit for bit. On the
// WebAssembly backend the recurrence uses the SIMD gate kernels (polynomial exp, lib/wasm/exp.ts), so
// hidden states agree to 1e-6 (the kernels' own bounds are checked in spec/lib/wasm/gru.spec.ts).
const HIDDEN_TOLERANCE = BACKEND === 'js' ? 0 : 1e-6;

test(`a packed sequence equals cell steps over each sequence from the zero state: hidden states ${BACKEND === 'js' ? 'bit for bit' : 'to 1e-6'}, gradients to float32 rounding`, () => {
  fc.assert(fc.property(sequences, ({ batchSizes, off, P, I, H, zeroTail, s }) => {
    const inputs = sequenceInputs(P, I, H, s), [xs, wIh, wHh, bIh, bHh] = inputs, T = batchSizes.length;
    // the last zeroTail steps get no gradient (as the greedy-only last step of a training unroll)
    const live = off[Math.max(0, T - zeroTail)] * H, seedGrad = new Rng(s + 1);
    const dHs = Float32Array.from({ length: P * H }, (_, k) => (k < live ? seedGrad.range(-1, 1) : 0));
    const sequence = gruSequence(xs, wIh, wHh, bIh, bHh, batchSizes);
    backward(sequence, dHs);
    const grads = inputs.map((t) => t.grad!.slice());
    for (const t of inputs) t.grad = null;
    // step t: the first batchSizes[t] sequences go on from the first batchSizes[t] rows of step t − 1
    let h: Tensor | null = null;
    const hs: Tensor[] = [];
    for (let t = 0; t < T; t++) hs.push((h = gruCell(sliceRows(xs, off[t], off[t + 1]), h === null ? null : sliceRows(h, 0, batchSizes[t]), wIh, wHh, bIh, bHh)));
    const stepped = concatRows(hs);
    backward(stepped, dHs);
    assertClose(sequence.data, stepped.data, HIDDEN_TOLERANCE, 'hidden states');
    inputs.forEach((t, k) => assertClose(grads[k], t.grad!, 1e-5, `gradient of input ${k}`));
  }), { numRuns: 80 });
});

test('packed sequence backward matches central differences', () => {
  fc.assert(fc.property(sequences, ({ batchSizes, P, I, H, s }) => {
    assertGradcheck((t) => gruSequence(t[0], t[1], t[2], t[3], t[4], batchSizes), sequenceInputs(P, I, H, s));
  }), { numRuns: 20 });
});

test('a sequence rejects rows that do not fit its batch sizes, and batch sizes that grow', () => {
  const [xs, wIh, wHh, bIh, bHh] = sequenceInputs(6, 2, 2, 1);
  const messageOf = (sizes: number[]) => {
    try { gruSequence(xs, wIh, wHh, bIh, bHh, Int32Array.from(sizes)); } catch (e) { return (e as Error).message; }
    return '';
  };
  if (!messageOf([3, 3, 1]).includes('over 3 steps of 7 rows')) throw new Error(`expected a shape error, got "${messageOf([3, 3, 1])}"`);
  if (!messageOf([2, 4]).includes('non-increasing')) throw new Error(`expected a batch-sizes error, got "${messageOf([2, 4])}"`);
});

test.run();
