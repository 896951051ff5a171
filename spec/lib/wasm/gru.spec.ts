// The WebAssembly GRU recurrence and backpropagation through time (lib/wasm/gru.ts) against their JS
// twins (lib/kernels/gru.ts) over fast-check packings: hidden states and gates within 1e-6, pre-activation
// gradients within 1e-5 (relative), the differences coming from the polynomial exp.
import { suite } from 'uvu';
import fc from 'fast-check';
import { gruBackThroughTimeJs, gruRecurrenceJs } from '../../../lib/kernels/gru.ts';
import { gruBackThroughTimeWasm, gruRecurrenceWasm } from '../../../lib/wasm/gru.ts';
import { packLengths } from '../../../lib/kernels/packing.ts';
import { Rng } from '../../../lib/rng.ts';
import { assertClose, seed } from '../../_support/tensors.ts';

const test = suite('lib/wasm/gru');
const random = (n: number, rng: Rng, scale = 1) => Float32Array.from({ length: n }, () => rng.range(-scale, scale));
// packings of up to 9 sequences of 1 … 6 steps (lib/kernels/packing.ts)
const shapes = fc.record({ lengths: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 9 }), H4: fc.integer({ min: 1, max: 6 }), cut: fc.nat(5), s: seed() })
  .map(({ lengths, H4, cut, s }) => {
    const { batchSizes } = packLengths(Int32Array.from(lengths));
    return { batchSizes, steps: Math.max(1, batchSizes.length - cut), P: lengths.reduce((a, n) => a + n, 0), B: lengths.length, H4, s };
  });

test('forward: hidden states, gates and gh equal the JS recurrence', () => {
  fc.assert(fc.property(shapes, ({ batchSizes, P, H4, s }) => {
    const H = 4 * H4, G = 3 * H, rng = new Rng(s);
    const gi = random(P * G, rng, 2), wHh = random(G * H, rng, 0.5), bHh = random(G, rng);
    const js = { hs: new Float32Array(P * H), gates: gi.slice(), gh: new Float32Array(P * G) };
    const wasm = { hs: new Float32Array(P * H), gates: gi.slice(), gh: new Float32Array(P * G) };
    gruRecurrenceJs(js.hs, js.gates, js.gh, wHh, bHh, batchSizes, H);
    gruRecurrenceWasm(wasm.hs, wasm.gates, wasm.gh, wHh, bHh, batchSizes, H);
    assertClose(wasm.hs, js.hs, 1e-6, 'hidden states');
    assertClose(wasm.gates, js.gates, 1e-6, 'gates');
    assertClose(wasm.gh, js.gh, 1e-5, 'gh');
  }), { numRuns: 80 });
});

test('backward through time over the first `steps` steps: dGi and dGh equal the JS pass', () => {
  fc.assert(fc.property(shapes, ({ batchSizes, steps, P, B, H4, s }) => {
    const H = 4 * H4, G = 3 * H, rng = new Rng(s);
    const gates = random(P * G, rng, 2), gh = new Float32Array(P * G), hs = new Float32Array(P * H);
    const wHh = random(G * H, rng, 0.5), bHh = random(G, rng);
    gruRecurrenceJs(hs, gates, gh, wHh, bHh, batchSizes, H); // saved activations as the forward pass leaves them
    const dHs = random(P * H, rng);
    const js = { dGi: new Float32Array(P * G), dGh: new Float32Array(P * G) }, wasm = { dGi: new Float32Array(P * G), dGh: new Float32Array(P * G) };
    gruBackThroughTimeJs(js.dGi, js.dGh, dHs, hs, gates, gh, wHh, batchSizes, steps, H, new Float32Array(B * H), new Float32Array(B * H));
    gruBackThroughTimeWasm(wasm.dGi, wasm.dGh, dHs, hs, gates, gh, wHh, batchSizes, steps, H);
    assertClose(wasm.dGi, js.dGi, 1e-5, 'dGi');
    assertClose(wasm.dGh, js.dGh, 1e-5, 'dGh');
  }), { numRuns: 80 });
});

test.run();
