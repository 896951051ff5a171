#!/usr/bin/env node
// The `avf` command: the compiled CLI in dist/ (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/algos/run/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('avf: dist/ is missing; run `npm ci` (or `npm run build`) in the avf checkout first');
  process.exit(1);
}
const { main, dropClosedPipeWrites } = await import(cli.href);
dropClosedPipeWrites();
process.exitCode = await main(process.argv.slice(2));
