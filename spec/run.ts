// Runs every spec/**/*.spec.ts with uvu, split over two processes (one per core), and ends with
// the line "N passed, N failed". Arguments filter files by substring: `npm test -- mixers gru`.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';

const root = new URL('.', import.meta.url).pathname;

function findSpecs(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findSpecs(path));
    else if (name.endsWith('.spec.ts')) found.push(path);
  }
  return found;
}

interface ShardResult { output: string; total: number; passed: number; skipped: number; code: number | null }

function runShard(files: string[]): Promise<ShardResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, '_support/shard.ts'), ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const read = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(output)?.[1] ?? NaN);
      resolve({ output, total: read('Total'), passed: read('Passed'), skipped: read('Skipped'), code });
    });
  });
}

const filters = process.argv.slice(2);
const specs = findSpecs(root).filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)));
if (specs.length === 0) {
  console.log(`no spec file matches ${filters.join(' ')}`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}
// Balance the shards by file size, largest first.
const shardCount = Math.max(1, Math.min(2, availableParallelism(), specs.length));
const shards: string[][] = Array.from({ length: shardCount }, () => []);
const load = new Array(shardCount).fill(0);
for (const file of [...specs].sort((a, b) => statSync(b).size - statSync(a).size)) {
  const k = load.indexOf(Math.min(...load));
  shards[k].push(file);
  load[k] += statSync(file).size;
}
const started = Date.now();
const results = await Promise.all(shards.map(runShard));
let passed = 0, failed = 0, skipped = 0;
for (const r of results) {
  process.stdout.write(r.output);
  if (Number.isNaN(r.total)) {
    failed += 1; // the shard died before uvu printed its totals
    continue;
  }
  passed += r.passed;
  skipped += r.skipped;
  failed += r.total - r.passed - r.skipped;
  if (r.code !== 0 && r.total - r.passed - r.skipped === 0) failed += 1;
}
console.log(`\n${specs.length} spec files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
