// The progress line: cut to the terminal width on a TTY (never wrapped), plain lines otherwise.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Progress, fit, formatTime } from '../../../algos/run/progress.ts';

const test = suite('algos/run/progress');
const DETAIL = 'return 12.3 (greedy 39.2) | ε 0.05 | 1234 steps/s';

test('on a terminal every redraw fits its width and stays on one line', () => {
  for (const columns of [20, 40, 60, 80, 200]) {
    const writes: string[] = [];
    const bar = new Progress(1000, { interactive: true, columns: () => columns, write: (t) => writes.push(t) });
    for (let done = 1; done <= 1000; done += 111) bar.update(done, DETAIL, true);
    bar.finish();
    for (const w of writes.slice(0, -1)) {
      assert.ok(w.startsWith('\r') && w.endsWith('\x1b[K') && !w.includes('\n'), JSON.stringify(w));
      assert.ok(w.length - '\r'.length - '\x1b[K'.length <= columns - 1, `${columns} columns: ${w.length}`);
    }
    assert.is(writes.at(-1), '\n');
  }
});

test('without a terminal: whole plain lines with no control characters', () => {
  const writes: string[] = [];
  const bar = new Progress(10, { interactive: false, columns: () => 30, write: (t) => writes.push(t) });
  bar.update(5, DETAIL, true);
  bar.finish();
  assert.is(writes.length, 1);
  assert.ok(writes[0].endsWith('\n') && writes[0].includes(DETAIL) && !/[\r\x1b]/.test(writes[0]), writes[0]);
});

test('fit and formatTime', () => {
  assert.is(fit('abcdef', 4), 'abc');
  assert.is(fit('abc', 80), 'abc');
  assert.equal([formatTime(5), formatTime(125), formatTime(3 * 3600 + 120)], ['5s', '2m05s', '3h02m']);
});

test.run();
