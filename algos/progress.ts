// A progress line on stderr: redrawn in place on a terminal, a plain line every few seconds otherwise.

export class Progress {
  private readonly total: number;
  private readonly interactive: boolean;
  private readonly started = Date.now();
  private last = 0;
  private readonly everyMs: number;

  constructor(total: number, interactive = process.stderr.isTTY === true) {
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
    process.stderr.write(this.interactive ? `\r${bar}\x1b[K` : `${bar}\n`);
  }

  finish(): void {
    if (this.interactive) process.stderr.write('\n');
  }
}

export function formatTime(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
