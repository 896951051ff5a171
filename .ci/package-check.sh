#!/usr/bin/env bash
# The package as a user gets it: npm pack -> install the tarball into an empty folder -> import the
# entries, train 3 episodes programmatically and from the `avf` bin, evaluate, and check what is shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" 2>/dev/null | tail -n 1)
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) kB)"
tar tzf "$work/$tarball" > "$work/contents"
for need in package/dist/index.js package/dist/index.d.ts package/dist/train.js package/dist/train.d.ts package/dist/ndarray.js package/bin/avf.js package/README.md package/LICENSE package/package.json; do
  grep -qx "$need" "$work/contents" || { echo "package is missing $need"; exit 1; }
done
if grep -E '^package/(results|spec|bench|runs|\.ci|node_modules)/' "$work/contents"; then echo "package ships files it should not (above)"; exit 1; fi
mkdir "$work/app" && cd "$work/app"
npm init -y > /dev/null
npm install --no-audit --no-fund --offline "$work/$tarball" > /dev/null
node --disallow-code-generation-from-strings --input-type=module -e "
import { makeEnv, ENV_IDS, Tensor, qmix } from 'avf';
const env = makeEnv('wtd-s');
const { obs, choosing } = env.reset();
if (obs.length !== 3 || choosing.length !== 3 || env.spec.agents[2].actionNames.length !== 6) throw new Error('env API');
env.close();
console.log('import avf: ok,', ENV_IDS.length, 'envs');"
node --input-type=module -e "
import { train, evaluate, ALGO_IDS } from 'avf/train';
const run = await train({ env: 'bp-10', algo: 'avf-qmix', episodes: 3, horizon: 20, startTrain: 1, evalEvery: 1, hidden: 8, out: 'prog' });
if (run.episodes !== 3) throw new Error('train');
const result = await evaluate('prog', { episodes: 2 });
console.log('import avf/train: 3-episode run, eval mean', result.mean.toFixed(1), '|', ALGO_IDS.length, 'algorithms');"
npx avf --version
npx avf train --env bp-10 --algo avf-vdn --episodes 3 --horizon 20 --start-train 1 --out cli-run 2> /dev/null
npx avf eval --checkpoint cli-run --episodes 2
if npx avf bench envs > bench.out 2>&1; then echo "avf bench should refuse outside a clone"; exit 1; fi
grep -q 'clone of the avf repository' bench.out && echo "avf bench from the package: says it needs the repository"
echo "package check: ok"
