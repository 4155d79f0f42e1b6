/**
 * Keeps only the last lines a child process printed. A failed start is
 * explained by what Java said just before dying, and an unbounded buffer would
 * grow for the whole lifetime of a long test run.
 */
export class OutputTail {
  readonly #lines: string[] = [];
  #partial = '';

  constructor(private readonly maxLines = 60) {}

  push(chunk: Buffer | string, label: string): void {
    const text = this.#partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    // The last element is an unfinished line until the next chunk arrives.
    this.#partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.trim() === '') continue;
      this.#lines.push(`[${label}] ${line}`);
    }
    if (this.#lines.length > this.maxLines) {
      this.#lines.splice(0, this.#lines.length - this.maxLines);
    }
  }

  text(): string {
    const pending = this.#partial.trim() === '' ? [] : [this.#partial];
    return [...this.#lines, ...pending].join('\n');
  }
}
