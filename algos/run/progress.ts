// A progress line on stderr: redrawn in place on a terminal (cut to its width, never wrapped), a plain
// line every few seconds otherwise.

export class Progress {
  private readonly total: number;
  private readonly interactive: boolean;
  private readonly started = Date.now();
  private last = 0;
  private readonly everyMs: number;

  /** terminal width in columns (read at each redraw, so resizing is followed) */
  private readonly columns: () => number;
  private readonly write: (text: string) => void;

  constructor(total: number, options: { interactive?: boolean; columns?: () => number; write?: (text: string) => void } = {}) {
    const { interactive = process.stderr.isTTY === true, columns = () => process.stderr.columns ?? 80, write = (t: string) => process.stderr.write(t) } = options;
    this.columns = columns;
    this.write = write;
    this.total = total;
    this.interactive = interactive;
    this.everyMs = interactive ? 200 : 10_000;
  }

  update(done: number, detail: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    const width = 24, fraction = Math.min(1, done / this.total), filled = Math.round(width * fraction);
    const elapsed = (now - this.started) / 1000, eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : 0;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} episodes | ${detail} | ${formatTime(elapsed)} elapsed, ETA ${formatTime(eta)}`;
    this.write(this.interactive ? `\r${fit(bar, this.columns())}\x1b[K` : `${bar}\n`);
  }

  finish(): void {
    if (this.interactive) this.write('\n');
  }
}

export function formatTime(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** `line` cut to fit `columns` terminal columns (one left free so the cursor never wraps). */
export function fit(line: string, columns: number): string {
  const width = Math.max(1, columns - 1);
  return line.length <= width ? line : line.slice(0, width);
}
