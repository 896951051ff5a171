// The `avf` command line. Commands are added as their capabilities land; unknown commands and
// flags are errors that name the problem.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const COMMANDS: Record<string, { summary: string; usage: string; run: (args: string[]) => number }> = {
  bench: {
    summary: 'run the benchmark suites (kernels, fused ops, canonical update, env steps) and save JSON under bench/results/',
    usage: 'avf bench [suite ...]      suites: update matmul fused elementwise envs (default: all)',
    run: (args) => {
      const root = fileURLToPath(new URL('../../', import.meta.url));
      const r = spawnSync(process.execPath, ['--import', 'tsx', `${root}bench/run.ts`, ...args], { stdio: 'inherit', cwd: root });
      return r.status ?? 1;
    },
  },
};

function help(): string {
  const lines = ['avf — asynchronous multi-agent RL with value factorization', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', 'avf <command> --help for a command\'s usage');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(help());
    return command === undefined ? 1 : 0;
  }
  const entry = COMMANDS[command];
  if (entry === undefined) {
    console.error(`avf: unknown command '${command}' (available: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(entry.usage);
    return 0;
  }
  return entry.run(rest);
}
