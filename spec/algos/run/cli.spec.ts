// The `avf` command line: help from the config table, strict values, --config, exit codes, signals.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../algos/run/cli.ts';
import { flagOf } from '../../../algos/run/flags.ts';
import { FIELD_NAMES } from '../../../algos/config.ts';
import { ALGO_IDS, appliesTo } from '../../../algos/algorithms.ts';
import { AVF_FROM_SOURCE } from '../../_support/avf-process.ts';

const test = suite('algos/run/cli');
const scratch = mkdtempSync(join(tmpdir(), 'avf-cli-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));
const SMALL = ['--env', 'bp-10', '--algo', 'avf-qmix', '--horizon', '20', '--start-train', '1', '--eval-every', '1', '--hidden', '8'];
const TINY = [...SMALL, '--episodes', '3'];

/** Runs the CLI in-process, capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const log = console.log, error = console.error;
  console.log = (...a: unknown[]) => { out += a.join(' ') + '\n'; };
  console.error = (...a: unknown[]) => { err += a.join(' ') + '\n'; };
  try {
    return { code: await main(args), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

test('--help for the program and every command; --version', async () => {
  const top = await cli(['--help']);
  assert.is(top.code, 0);
  for (const command of ['train', 'eval', 'bench']) {
    assert.ok(top.out.includes(command));
    const r = await cli([command, '--help']);
    assert.is(r.code, 0);
    assert.ok(r.out.startsWith(`avf ${command}`), r.out);
  }
  const version = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;
  assert.equal(await cli(['--version']), { code: 0, out: `${version}\n`, err: '' });
  assert.is((await cli([])).code, 2);
});

test('train --help: every flag the algorithm reads, with a description and its default for that algorithm and env', async () => {
  for (const algo of ALGO_IDS) {
    const { out } = await cli(['train', '--algo', algo, '--env', 'wtd-s', '--help']);
    assert.ok(out.includes(`defaults for --algo ${algo} --env wtd-s`), out);
    for (const field of FIELD_NAMES) {
      if (field === 'env' || field === 'algo') continue;
      const line = out.split('\n').find((l) => new RegExp(`^  --(\\[no-\\])?${flagOf(field)}( |$)`).test(l));
      if (appliesTo(field, algo)) assert.match(line ?? '', /\S+ .*\(default .+\)$/, `${algo}: --${flagOf(field)}`);
      else assert.ok(line === undefined && out.includes(`--${flagOf(field)}`), `${algo} lists --${flagOf(field)} as not read`);
    }
  }
  const dec = (await cli(['train', '--help', '--algo', 'dec-maddrqn', '--env', 'bp-10'])).out;
  assert.match(dec, /--lr N +learning rate .*\(default 0\.001\)/);
  assert.match(dec, /--\[no-\]front-padded-windows .*\(default true\)/);
});

test('unknown commands, flags, algorithms and envs are usage errors (exit 2) that name them', async () => {
  const cases: [string[], RegExp][] = [
    [['fly'], /unknown command 'fly'/],
    [['train', '--env', 'bp-10', '--algo', 'avf-qmix', '--bogus', '1'], /unknown flag --bogus/],
    [['train', '--env', 'bp-10', '--algo', 'magic'], /unknown algo 'magic'/],
    [['train', '--env', 'bp-99', '--algo', 'avf-qmix'], /unknown env 'bp-99'/],
    [['train', '--env', 'bp-10', '--algo', 'avf-qmix', '--lr', 'fast'], /--lr: 'fast' is not a decimal number/],
    [['train', '--algo', 'avf-qmix'], /needs --env and --algo/],
    [['train', 'bp-10'], /unexpected argument 'bp-10'/],
    [['eval'], /needs --checkpoint/],
    [['eval', '--checkpoint', join(scratch, 'nothing.avf')], /does not exist/],
    [['bench', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.err, message);
  }
});

test('numbers are decimal only; integers are checked; booleans are --flag / --no-flag', async () => {
  const bad: [string[], RegExp][] = [
    [['--episodes', '0x10'], /--episodes: '0x10' is not a decimal number/],
    [['--episodes', '1e1.5'], /not a decimal number/],
    [['--episodes', ''], /not a decimal number/],
    [['--seed', 'Infinity'], /not a decimal number/],
    [['--episodes', '2.5'], /episodes must be a positive integer, got 2\.5/],
    [['--whole-episodes', 'true'], /unexpected argument 'true'/],
    [['--whole-episodes=true'], /--whole-episodes takes no value/],
    [['--no-lr'], /--no-lr: --lr is not a switch/],
    [['--lr', '1e-3', '--lr', '1e-4'], /--lr is given twice/],
  ];
  for (const [flags, message] of bad) {
    const r = await cli(['train', '--env', 'bp-10', '--algo', 'avf-qmix', ...flags]);
    assert.is(r.code, 2, flags.join(' '));
    assert.match(r.err, message);
  }
  const out = join(scratch, 'bools');
  const r = await cli(['train', ...TINY, '--lr', '5e-4', '--whole-episodes', '--no-force-terminal-valid', '--out', out]);
  assert.is(r.code, 0, r.err);
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  assert.equal([config.lr, config.wholeEpisodes, config.forceTerminalValid], [5e-4, true, false]);
});

test('a flag the algorithm does not read is a usage error, even at its default value', async () => {
  for (const [algo, flags] of [['dec-maddrqn', ['--state', 'joint-macro']], ['avf-vdn', ['--mixer-embed', '8']], ['avf-qmix', ['--qplex-heads', '2']], ['avf-qplex', ['--mlp-hidden', '8']]] as const) {
    const r = await cli(['train', '--env', 'bp-10', '--algo', algo, ...flags]);
    assert.is(r.code, 2);
    assert.match(r.err, new RegExp(`${flags[0]} does not apply to ${algo} \\(it is read by `));
  }
  const r = await cli(['train', '--env', 'bp-10', '--algo', 'vdn', '--no-primitive']);
  assert.match(r.err, /vdn runs on the primitive env only/);
});

test('--config takes a run\'s config.json, flags override it; an occupied --out needs --overwrite; eval takes a run folder', async () => {
  const first = join(scratch, 'first'), second = join(scratch, 'second');
  assert.is((await cli(['train', ...TINY, '--seed', '3', '--out', first])).code, 0);
  const again = await cli(['train', ...TINY, '--seed', '3', '--out', first]);
  assert.is(again.code, 2);
  assert.match(again.err, /already holds a run; continue it with --resume .*or replace it with --overwrite/);
  assert.is((await cli(['train', ...TINY, '--seed', '3', '--out', first, '--overwrite'])).code, 0);
  const r = await cli(['train', '--config', join(first, 'config.json'), '--out', second, '--episodes', '4']);
  assert.is(r.code, 0, r.err);
  const a = JSON.parse(readFileSync(join(first, 'config.json'), 'utf8')), b = JSON.parse(readFileSync(join(second, 'config.json'), 'utf8'));
  assert.equal({ ...b, out: a.out, episodes: a.episodes }, a);
  assert.is(b.episodes, 4);
  writeFileSync(join(scratch, 'broken.json'), '{"lr": ');
  assert.match((await cli(['train', '--config', join(scratch, 'broken.json')])).err, /broken\.json is not valid JSON/);
  writeFileSync(join(scratch, 'list.json'), '[1]');
  assert.match((await cli(['train', '--config', join(scratch, 'list.json')])).err, /must hold a JSON object/);
  const evaluated = await cli(['eval', '--checkpoint', first, '--episodes', '2']);
  assert.is(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, /2 greedy episodes: mean return/);
  assert.match((await cli(['train', '--resume', first, '--lr', '1'])).err, /only --episodes may be given with it/);
});

test('--env-module registers a user env for train and eval', async () => {
  const module = new URL('../../_support/custom-env.ts', import.meta.url).pathname, out = join(scratch, 'agree');
  const r = await cli(['train', '--env-module', module, '--env', 'agree', '--algo', 'avf-vdn', '--episodes', '4', '--start-train', '1', '--out', out]);
  assert.is(r.code, 0, r.err);
  const e = await cli(['eval', '--env-module', module, '--checkpoint', out, '--episodes', '2']);
  assert.is(e.code, 0, e.err);
  assert.match((await cli(['train', '--env-module', join(scratch, 'none.js'), '--env', 'agree', '--algo', 'avf-vdn'])).err, /--env-module: no file/);
});

test('Mac-IAICC on WTD-S and CT-10, Mac-IAISC on BP-10: train, evaluate and resume from the CLI', async () => {
  for (const [env, algo] of [['wtd-s', 'mac-iaicc'], ['ct-10', 'mac-iaicc'], ['bp-10', 'mac-iaisc']]) {
    const out = join(scratch, `${env}-${algo}`);
    const small = ['--parallel-envs', '2', '--train-every-episodes', '2', '--horizon', '20', '--eval-every', '2', '--eval-episodes', '1'];
    const trained = await cli(['train', '--env', env, '--algo', algo, '--episodes', '4', ...small, '--out', out]);
    assert.is(trained.code, 0, trained.err);
    assert.match(trained.out, /trained: 4 episodes, /);
    assert.is((await cli(['eval', '--checkpoint', out, '--episodes', '2'])).code, 0);
    const resumed = await cli(['train', '--resume', out, '--episodes', '6']);
    assert.match(resumed.out, /trained: 6 episodes, /, resumed.err);
  }
});

test('runtime failures exit 1: a corrupt checkpoint', async () => {
  const path = join(scratch, 'corrupt.avf');
  writeFileSync(path, '{"format": "avf-checkpoint"');
  const r = await cli(['eval', '--checkpoint', path]);
  assert.is(r.code, 1);
  assert.match(r.err, /corrupt: not valid JSON/);
});

/** Starts `avf train` in a child process, sends `signal` once a few episodes are written, and returns its exit code. */
function stopWith(signal: 'SIGINT' | 'SIGTERM', out: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [...AVF_FROM_SOURCE, 'train', ...SMALL, '--episodes', '100000', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stdout += d));
  const poll = setInterval(() => {
    const metrics = join(out, 'metrics.jsonl');
    if (existsSync(metrics) && readFileSync(metrics, 'utf8').split('\n').length > 5) {
      clearInterval(poll);
      child.kill(signal);
    }
  }, 50);
  return new Promise((resolve) => child.on('close', (code) => { clearInterval(poll); resolve({ code, stdout }); }));
}

test('SIGINT and SIGTERM stop a run after writing its checkpoint: exit 130 and 143', async () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    const out = join(scratch, signal);
    const r = await stopWith(signal, out);
    assert.is(r.code, code, r.stdout);
    assert.match(r.stdout, new RegExp(`stopped by ${signal}`));
    assert.ok(existsSync(join(out, 'training.avf')), 'checkpoint written');
    const episodes = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').length;
    const resumed = await cli(['train', '--resume', out, '--episodes', String(episodes + 2)]);
    assert.is(resumed.code, 0, resumed.err);
    assert.match(resumed.out, new RegExp(`trained: ${episodes + 2} episodes`));
  }
});

test('a reader that closes stdout early (| head) ends the output, not the command: list exits 0, train still finishes', async () => {
  const out = join(scratch, 'closed-pipe');
  for (const args of [['experiment', 'list'], ['train', ...TINY, '--out', out]]) {
    const child = spawn(process.execPath, [...AVF_FROM_SOURCE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the command writes its first line
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.is(code, 0, err);
    assert.not.match(err, /EPIPE/);
  }
  assert.ok(existsSync(join(out, 'policy.avf')), 'the training run finished and saved its policy');
});

test('avf bench writes to the --out folder, leaves the committed results alone, and prints plain text into a pipe', async () => {
  const committed = new URL('../../../bench/results/summary.json', import.meta.url).pathname, before = readFileSync(committed, 'utf8');
  const out = join(scratch, 'bench');
  const child = spawn(process.execPath, [...AVF_FROM_SOURCE, 'bench', 'elementwise', '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AVF_BENCH_MAX_TIME: '0.02' },
  });
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.is(code, 0, text);
  for (const f of ['elementwise.json', 'elementwise.derived.json', 'summary.json']) assert.ok(existsSync(join(out, f)), f);
  assert.not.match(text, /\x1b/);
  assert.is(readFileSync(committed, 'utf8'), before);
});

test.run();
