import { describe, expect, it } from "vitest";
import { LineCutter, NewestLines, lineMatches, logFilterParam } from "./log-lines";

describe("LineCutter", () => {
  it("cuts a 5 MB line to the maximum while it streams, saying how much was cut", () => {
    const cutter = new LineCutter(100);
    const lines = [];
    const big = Buffer.alloc(5 * 1_048_576, "x");
    lines.push(...cutter.push(Buffer.from("first line\n")));
    for (let offset = 0; offset < big.length; offset += 65_536) lines.push(...cutter.push(big.subarray(offset, offset + 65_536)));
    lines.push(...cutter.push(Buffer.from("\nlast line")));
    lines.push(...cutter.end());
    expect(lines.map((line) => line.text.slice(0, 12))).toEqual(["first line", "x".repeat(12), "last line"]);
    expect(lines[1]!.text).toBe(`${"x".repeat(100)}… [cut ${5 * 1_048_576 - 100} bytes]`);
    expect(lines[1]!.cutBytes).toBe(5 * 1_048_576 - 100);
  });

  it("joins lines split across chunks, keeps UTF-8, drops CR and control characters", () => {
    const cutter = new LineCutter(1_000);
    const bytes = Buffer.from("héllo wörld\r\nsecond\u0007line\n");
    const lines = [...cutter.push(bytes.subarray(0, 2)), ...cutter.push(bytes.subarray(2, 9)), ...cutter.push(bytes.subarray(9)), ...cutter.end()];
    expect(lines.map((line) => line.text)).toEqual(["héllo wörld", "second\uFFFDline"]);
  });
});

describe("log filter", () => {
  it("is a case-insensitive substring match, never a regular expression", () => {
    expect(lineMatches("2026-11-30 ERROR [x] TLS handshake failed", "tls")).toBe(true);
    expect(lineMatches("rate_limit exceeded: 429", "rate_limit")).toBe(true);
    expect(lineMatches("anything", null)).toBe(true);
    expect(lineMatches("a.b", "a.b")).toBe(true);
    expect(lineMatches("axb", "a.b")).toBe(false);
  });

  it("accepts the runbook's words and plain literals, refuses patterns and shell", () => {
    for (const ok of ["ERROR", "TLS", "rate_limit", "exit code 137", "status=503"]) expect(logFilterParam.safeParse(ok).success).toBe(true);
    for (const bad of ["ERROR|TLS", ".*", "(a+)+$", "$(id)", "a\nb", "", "x".repeat(65)]) expect(logFilterParam.safeParse(bad).success).toBe(false);
  });
});

describe("NewestLines", () => {
  it("keeps the newest lines within a count and a byte budget", () => {
    const byCount = new NewestLines(2, 1_000);
    for (const line of ["a", "b", "c"]) byCount.add(line);
    expect(byCount.lines).toEqual(["b", "c"]);
    expect(byCount.dropped).toBe(1);
    const byBytes = new NewestLines(100, 10);
    for (const line of ["12345", "67890", "abcde"]) byBytes.add(line);
    expect(byBytes.lines).toEqual(["67890", "abcde"]);
  });
});
