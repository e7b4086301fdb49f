// A one-line progress display on stderr when it is a terminal; silent otherwise (CI logs, pipes).
export class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private last = 0;

  update(label: string, pct?: number): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100 && pct !== undefined && pct < 100) return;
    this.last = now;
    const width = 24;
    const bar =
      pct === undefined || pct < 0
        ? ''
        : `[${'#'.repeat(Math.round((pct / 100) * width)).padEnd(width, '.')}] ${pct.toFixed(0).padStart(3)}% `;
    const line = `${bar}${label}`;
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
  }

  clear(): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
  }
}
