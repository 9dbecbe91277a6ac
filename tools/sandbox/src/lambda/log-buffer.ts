/** The last `capacity` log lines of a function (worker output plus START/END/REPORT), oldest first. */
export class LogBuffer {
  private readonly lines: string[] = [];
  private dropped = 0;

  constructor(private readonly capacity = 5000) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) {
      this.lines.shift();
      this.dropped += 1;
    }
  }

  /** Lines still held; `total` counts every line ever pushed, so callers can tail from an offset. */
  snapshot(): { lines: string[]; total: number } {
    return { lines: [...this.lines], total: this.dropped + this.lines.length };
  }

  /** Lines pushed after the first `offset` ones (those that were dropped meanwhile are lost). */
  since(offset: number): string[] {
    const start = Math.max(0, offset - this.dropped);
    return this.lines.slice(start);
  }
}
