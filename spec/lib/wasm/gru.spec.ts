// The WebAssembly GRU recurrence and backpropagation through time (lib/wasm/gru.ts) against their JS
// twins (lib/kernels/gru.ts) over fast-check shapes: hidden states and gates within 1e-6, pre-activation
// gradients within 1e-5 (relative), the differences coming from the polynomial exp.
import { suite } from 'uvu';
import fc from 'fast-check';
import { gruBackThroughTimeJs, gruRecurrenceJs } from '../../../lib/kernels/gru.ts';
import { gruBackThroughTimeWasm, gruRecurrenceWasm } from '../../../lib/wasm/gru.ts';
import { Rng } from '../../../lib/rng.ts';
import { assertClose, seed } from '../../_support/tensors.ts';

const test = suite('lib/wasm/gru');
const random = (n: number, rng: Rng, scale = 1) => Float32Array.from({ length: n }, () => rng.range(-scale, scale));
const shapes = fc.record({ T: fc.integer({ min: 1, max: 6 }), B: fc.integer({ min: 1, max: 9 }), H4: fc.integer({ min: 1, max: 6 }), s: seed() });

test('forward: hidden states, gates and gh equal the JS recurrence', () => {
  fc.assert(fc.property(shapes, ({ T, B, H4, s }) => {
    const H = 4 * H4, G = 3 * H, rng = new Rng(s);
    const gi = random(T * B * G, rng, 2), wHh = random(G * H, rng, 0.5), bHh = random(G, rng);
    const js = { hs: new Float32Array(T * B * H), gates: gi.slice(), gh: new Float32Array(T * B * G) };
    const wasm = { hs: new Float32Array(T * B * H), gates: gi.slice(), gh: new Float32Array(T * B * G) };
    gruRecurrenceJs(js.hs, js.gates, js.gh, wHh, bHh, T, B, H);
    gruRecurrenceWasm(wasm.hs, wasm.gates, wasm.gh, wHh, bHh, T, B, H);
    assertClose(wasm.hs, js.hs, 1e-6, 'hidden states');
    assertClose(wasm.gates, js.gates, 1e-6, 'gates');
    assertClose(wasm.gh, js.gh, 1e-5, 'gh');
  }), { numRuns: 80 });
});

test('backward through time: dGi and dGh equal the JS pass', () => {
  fc.assert(fc.property(shapes, ({ T, B, H4, s }) => {
    const H = 4 * H4, G = 3 * H, rng = new Rng(s);
    const gates = random(T * B * G, rng, 2), gh = new Float32Array(T * B * G), hs = new Float32Array(T * B * H);
    const wHh = random(G * H, rng, 0.5), bHh = random(G, rng);
    gruRecurrenceJs(hs, gates, gh, wHh, bHh, T, B, H); // saved activations as the forward pass leaves them
    const dHs = random(T * B * H, rng);
    const js = { dGi: new Float32Array(T * B * G), dGh: new Float32Array(T * B * G) }, wasm = { dGi: new Float32Array(T * B * G), dGh: new Float32Array(T * B * G) };
    gruBackThroughTimeJs(js.dGi, js.dGh, dHs, hs, gates, gh, wHh, T, B, H, new Float32Array(B * H), new Float32Array(B * H));
    gruBackThroughTimeWasm(wasm.dGi, wasm.dGh, dHs, hs, gates, gh, wHh, T, B, H);
    assertClose(wasm.dGi, js.dGi, 1e-5, 'dGi');
    assertClose(wasm.dGh, js.dGh, 1e-5, 'dGh');
  }), { numRuns: 80 });
});

test.run();
