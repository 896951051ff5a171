// The `avf` command from source, for specs that need it as a separate process (signals, exit codes).
import { dropClosedPipeWrites, main } from '../../algos/run/cli.ts';

dropClosedPipeWrites();
process.exitCode = await main(process.argv.slice(2));
