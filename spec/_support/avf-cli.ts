// The `avf` command from source, for specs that need it as a separate process (signals, exit codes).
import { main } from '../../algos/run/cli.ts';

process.exitCode = await main(process.argv.slice(2));
