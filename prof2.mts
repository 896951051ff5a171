import { makeCanonicalUpdate } from './bench/canonical-update.ts';
const { update } = makeCanonicalUpdate(1);
for (let i = 0; i < 3; i++) update();
const t = performance.now(); const n = 30;
for (let i = 0; i < n; i++) update();
console.log((n / ((performance.now() - t) / 1000)).toFixed(2), 'updates/s');
