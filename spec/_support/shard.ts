// One shard of the spec run: the listed files, through uvu's own runner.
import { relative } from 'node:path';
import { run } from 'uvu/run';

const files = process.argv.slice(2);
await run(files.map((file) => ({ name: relative(process.cwd(), file), file })));
