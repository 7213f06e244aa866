import { z } from "zod";

/**
 * The pure part of `kubectl logs … | grep <word>`: splitting a byte stream into lines with
 * each line cut to a maximum while it streams (a 5 MB line never sits in memory whole),
 * and the filter — a plain case-insensitive substring, one of the runbook's words (ERROR,
 * TLS, rate_limit) or a validated literal; never a regular expression from user text.
 */
export const LOG_FILTER_PRESETS = ["ERROR", "TLS", "rate_limit"] as const;

/** A filter word: letters, digits and a few separators, at most 64 characters. */
export const logFilterParam = z
  .string()
  .regex(/^[A-Za-z0-9_.:=/@ -]{1,64}$/, { message: "must be a plain word such as ERROR, TLS or rate_limit (letters, digits, _ . : = / @ - and spaces)" });

/** An ERROR/FATAL-level line in the formats the pipeline's processes write (a fixed pattern, not user text). */
export const ERROR_LEVEL = /\b(ERROR|FATAL|SEVERE|PANIC)\b|level=(error|fatal)/;

/** A WARN-or-worse line ("rate_limit exceeded: 429" is a WARN in the pipeline's logs). */
export const PROBLEM_LEVEL = /\b(WARN|WARNING|ERROR|FATAL|SEVERE|PANIC)\b|level=(warn|warning|error|fatal)/;

/** Case-insensitive substring match; no filter matches every line. */
export function lineMatches(line: string, filter: string | null | undefined): boolean {
  if (!filter) return true;
  return line.toLowerCase().includes(filter.toLowerCase());
}

export interface CutLine {
  text: string;
  /** bytes left out of this line */
  cutBytes: number;
}

/** Splits chunks into lines, keeping at most `maxLineBytes` of each. */
export class LineCutter {
  private parts: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** The complete lines in this chunk (the rest waits for the next chunk or end()). */
  push(chunk: Buffer): CutLine[] {
    const lines: CutLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      this.take(chunk.subarray(start, end));
      if (newline === -1) break;
      lines.push(this.flush());
      start = newline + 1;
    }
    return lines;
  }

  /** The last line when the stream ended without a newline. */
  end(): CutLine[] {
    return this.kept || this.dropped ? [this.flush()] : [];
  }

  private take(bytes: Buffer) {
    const room = Math.max(0, this.maxLineBytes - this.kept);
    if (room > 0) {
      const part = bytes.subarray(0, room);
      this.parts.push(Buffer.from(part));
      this.kept += part.length;
    }
    this.dropped += Math.max(0, bytes.length - room);
  }

  private flush(): CutLine {
    let text = Buffer.concat(this.parts).toString("utf8").replace(/\r$/, "");
    // control characters out (tabs kept), like every other text from the API server
    text = text.replace(/[^\t\x20-\x7E\u00A0-\uFFFF]/g, "\uFFFD");
    const line = { text: this.dropped ? `${text}… [cut ${this.dropped} bytes]` : text, cutBytes: this.dropped };
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    return line;
  }
}

/**
 * The newest matching lines within a line count and a byte budget: older lines go first
 * when either is exceeded.
 */
export class NewestLines {
  readonly lines: string[] = [];
  private bytes = 0;
  dropped = 0;

  constructor(
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  add(line: string) {
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line);
    while (this.lines.length > this.maxLines || (this.bytes > this.maxBytes && this.lines.length > 1)) {
      this.bytes -= Buffer.byteLength(this.lines.shift()!);
      this.dropped++;
    }
  }

  get size() {
    return this.bytes;
  }
}
