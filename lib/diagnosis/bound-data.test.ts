import { expect, it } from "vitest";
import { boundData, DATA_LIMIT_BYTES } from "./bound-data";

it("keeps small data as it is", () => {
  expect(boundData({ totalLag: 12408, rows: [{ partition: 0, lag: 12408 }] })).toEqual({ totalLag: 12408, rows: [{ partition: 0, lag: 12408 }] });
});

it("cuts a huge log tail to the limit and says how much was left out", () => {
  const lines = Array.from({ length: 5_000 }, (_, index) => `2026-12-03T06:00:00Z ERROR line ${index} ${"x".repeat(300)}`);
  const bounded = boundData({ lines }) as { lines: string[] };
  expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThanOrEqual(DATA_LIMIT_BYTES);
  expect(bounded.lines[0]).toContain("ERROR line 0");
  expect(bounded.lines.at(-1)).toMatch(/^… \d+ more$/);
});
