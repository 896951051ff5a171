// Loads the compiled package entry "avf" (lib, autograd, mixers, envs) under
// `node --disallow-code-generation-from-strings`, steps every env, trains a few steps (a recurrent agent
// net on Box Pushing observations through a QMIX mixer with Adam, Polyak and clipping), then runs a
// 3-episode AVF-QPLEX training run through "avf/train".
// Exits non-zero when anything fails, including a code-generation attempt.
import * as avf from '../dist/index.js';
import { train } from '../dist/train.js';

const { Rng, GRUCell, Linear, Adam, qmix, tensor, zeros, relu, gather, mseLoss, backward, zeroGrad, clipGradNorm, polyakUpdate, copyParams } = avf;
try {
  new Function('return 1');
  console.error('no-codegen: code generation is allowed; run this under --disallow-code-generation-from-strings');
  process.exit(1);
} catch {
  // expected: strings cannot become code here
}
for (const id of avf.ENV_IDS) {
  const env = avf.makeEnv(id);
  env.reset();
  for (let t = 0; t < 20; t++) {
    const out = env.step(env.spec.nActions.map((n, i) => (t + i) % n));
    if (out.terminated || out.truncated) break;
  }
}
const rng = new Rng(0);
const B = 8, O = 5, H = 16, A = 4, N = 2, S = 6;
const embed = new Linear(O, H, rng), cell = new GRUCell(H, H, rng), head = new Linear(H, A, rng);
const mixer = qmix({ nAgents: N, stateDim: S, embed: 8, hypernetEmbed: 8 }, rng);
const params = [...embed.parameters(), ...cell.parameters(), ...head.parameters(), ...mixer.parameters()];
const target = params.map((p) => new avf.Tensor(p.data.slice(), p.shape));
copyParams(target, params);
const opt = new Adam(params, { lr: 1e-2 });
const bp = avf.makeEnv('bp-10', { primitive: true });
const rows = [];
bp.reset();
for (let b = 0; b < B; b++) rows.push(...bp.step([b % 4, (b + 1) % 4]).obs[0]);
const obs = tensor(Float32Array.from(rows), [B, O]);
const state = tensor(Float32Array.from({ length: B * S }, () => rng.uniform()), [B, S]);
const action = Int32Array.from({ length: B }, () => rng.int(A));
const y = Float32Array.from({ length: B }, () => rng.range(-1, 1));
let first = 0, last = 0;
for (let step = 0; step < 30; step++) {
  zeroGrad(params);
  const h = cell.apply(relu(embed.apply(obs)), zeros([B, H]));
  const q = gather(head.apply(h), action);
  const qs = avf.concatCols([q, avf.affine(q, 0.5)]);
  const loss = mseLoss(mixer.mix({ qs, state }), y);
  backward(loss);
  clipGradNorm(params, 10);
  opt.step();
  polyakUpdate(target, params, 0.995);
  if (step === 0) first = loss.item();
  last = loss.item();
}
if (!(last < first)) {
  console.error(`no-codegen: loss did not decrease (${first} -> ${last})`);
  process.exit(1);
}
// the kernel backend: WebAssembly SIMD compiles here (module bytes, not strings) and agrees with JS
if (avf.BACKEND !== 'wasm') {
  console.error(`no-codegen: expected the wasm backend, got ${avf.BACKEND}`);
  process.exit(1);
}
const [mm, mk, mn] = [64, 48, 40];
const ma = Float32Array.from({ length: mm * mk }, () => rng.range(-1, 1)), mb = Float32Array.from({ length: mk * mn }, () => rng.range(-1, 1));
const viaWasm = new Float32Array(mm * mn), viaJs = new Float32Array(mm * mn);
avf.kernels.matmulAdd(viaWasm, ma, mb, mm, mk, mn);
avf.kernels.matmulAddJs(viaJs, ma, mb, mm, mk, mn);
if (viaWasm.some((v, i) => Math.abs(v - viaJs[i]) > 1e-4)) {
  console.error('no-codegen: the WebAssembly matmul disagrees with the JS one');
  process.exit(1);
}
const run = await train({ env: 'bp-10', algo: 'avf-qplex', episodes: 3, horizon: 30, startTrain: 1, evalEvery: 1, batchSize: 4, windowLength: 10, trainEvery: 5, hidden: 8 });
if (run.episodes !== 3 || run.updates === 0) {
  console.error(`no-codegen: the training run did not complete (${run.episodes} episodes, ${run.updates} updates)`);
  process.exit(1);
}
console.log(`no-codegen: core loaded, ${avf.ENV_IDS.length} envs stepped, 30 training steps (loss ${first.toFixed(4)} -> ${last.toFixed(4)}) and a ${run.updates}-update AVF-QPLEX run on the ${avf.BACKEND} backend without code generation`);
