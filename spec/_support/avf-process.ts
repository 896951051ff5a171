// The `avf` command from source (avf-cli.ts) as a child process, for specs of whole commands.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/** node's arguments that start `avf` from source; append the command's own. */
export const AVF_FROM_SOURCE = ['--import', 'tsx', new URL('./avf-cli.ts', import.meta.url).pathname];

/** Runs `avf args…` to completion: exit status, stdout and stderr as text. */
export function avfSync(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...AVF_FROM_SOURCE, ...args], { encoding: 'utf8' });
}
