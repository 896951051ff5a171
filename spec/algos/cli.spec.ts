import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../algos/cli.ts';

const test = suite('algos/cli');

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

test('--help for the program and every command', async () => {
  const top = await cli(['--help']);
  assert.is(top.code, 0);
  for (const command of ['train', 'eval', 'bench']) {
    assert.ok(top.out.includes(command));
    const r = await cli([command, '--help']);
    assert.is(r.code, 0);
    assert.ok(r.out.startsWith(`avf ${command}`), r.out);
  }
});

test('unknown commands, flags, algorithms and envs are errors that name them', async () => {
  assert.match((await cli(['fly'])).err, /unknown command 'fly'/);
  assert.match((await cli(['train', '--env', 'bp-10', '--algo', 'avf-qmix', '--bogus', '1'])).err, /Unknown option '--bogus'/);
  assert.match((await cli(['train', '--env', 'bp-10', '--algo', 'magic'])).err, /unknown algo 'magic'/);
  assert.match((await cli(['train', '--env', 'bp-99', '--algo', 'avf-qmix'])).err, /unknown env 'bp-99'/);
  assert.match((await cli(['train', '--env', 'bp-10', '--algo', 'avf-qmix', '--lr', 'fast'])).err, /--lr: 'fast' is not a number/);
  assert.match((await cli(['train', '--algo', 'avf-qmix'])).err, /needs --env and --algo/);
  assert.match((await cli(['eval'])).err, /needs --checkpoint/);
  assert.is((await cli(['fly'])).code, 2);
});

test.run();
