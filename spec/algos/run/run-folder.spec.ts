// Run folders survive crashes: a resume cuts metrics.jsonl back to its checkpoint (no episode twice or
// missing), done.json marks only finished runs, checkpoints come on time as well as by episodes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDone, truncateMetrics } from '../../../algos/run/run-folder.ts';
import { resume, train } from '../../../algos/run/runner.ts';
import { makeEnv } from '../../../envs/index.ts';

const test = suite('algos/run/run-folder');
const scratch = mkdtempSync(join(tmpdir(), 'avf-folder-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));
const small = { makeEnv: () => makeEnv('bp-10', { gridSize: 8, horizon: 30 }) };
const quick = { algo: 'avf-vdn', env: 'bp-10', startTrain: 3, evalEvery: 5, batchSize: 8, hidden: 8 } as const;
const episodesIn = (dir: string) => readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).episode as number);

test('truncateMetrics keeps the first N complete episodes and drops later or torn lines', () => {
  const path = join(scratch, 'm.jsonl');
  writeFileSync(path, [1, 2, 3, 4].map((e) => JSON.stringify({ episode: e })).join('\n') + '\n{"episode": 5, "tr');
  truncateMetrics(path, 3);
  assert.is(readFileSync(path, 'utf8'), '{"episode":1}\n{"episode":2}\n{"episode":3}\n');
  assert.throws(() => truncateMetrics(path, 5), /holds 3 episodes but the checkpoint is at episode 5/);
});

test('a crash after the last checkpoint: resuming rewrites nothing twice and loses nothing; done.json only at the end', async () => {
  const out = join(scratch, 'crash');
  const crash = { ...small, onEpisode: (m: { episode: number }) => { if (m.episode === 13) throw new Error('power cut'); } };
  await train({ ...quick, episodes: 20, checkpointEvery: 10, out }, crash).then(() => assert.unreachable(), (e) => assert.match(e.message, /power cut/));
  assert.equal(episodesIn(out), Array.from({ length: 13 }, (_, k) => k + 1)); // episodes 11–13 were written after the checkpoint
  assert.is(readDone(out), null);
  const r = await resume(out, small);
  assert.is(r.episodes, 20);
  assert.equal(episodesIn(out), Array.from({ length: 20 }, (_, k) => k + 1));
  const done = readDone(out)!;
  assert.equal([done.episodes, done.envSteps, done.updates], [20, r.envSteps, r.updates]);
  assert.is(done.node, process.version);
  const straight = join(scratch, 'straight');
  await train({ ...quick, episodes: 20, checkpointEvery: 10, out: straight }, small);
  const strip = (dir: string) => readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => { const { wallSeconds: _, ...m } = JSON.parse(l); return m; });
  assert.equal(strip(out), strip(straight)); // and the crash changed nothing the run computes
});

test('checkpoints also come every checkpointSeconds', async () => {
  const out = join(scratch, 'timed');
  let seen = false;
  await train({ ...quick, episodes: 4, checkpointEvery: 1000, checkpointSeconds: 1e-6, out }, {
    ...small, onEpisode: (m) => { if (m.episode === 3) seen = existsSync(join(out, 'training.avf')); },
  });
  assert.ok(seen, 'a checkpoint before episode 3 although checkpointEvery is 1000');
});

test.run();
