import { describe, expect, it } from "vitest";
import { incidentCursor, timelineEntryId } from "./timeline-cursor";

describe("cursors from URLs", () => {
  const id = timelineEntryId("must be a timeline entry id");

  it.each([
    ["an id beyond int8", "9223372036854775808", false],
    ["a 30-digit number", "999999999999999999999999999999", false],
    ["a negative number", "-1", false],
    ["letters (BigInt would throw)", "abc", false],
    ["an RTL override", "\u202E", false],
    ["the largest int8", "9223372036854775807", true],
    ["an ordinary id", "42", true],
  ])("timeline entry id: %s", (_what, value, ok) => {
    expect(id.safeParse(value).success).toBe(ok);
  });

  it.each([
    ["a date that does not exist", "2026-13-45T99:99:99Z_ckabc", false],
    ["digits only", "99999999999999999999_ckabc", false],
    ["a real cursor", "2026-12-03T05:00:00.000Z_ckabc123", true],
  ])("incident cursor: %s", (_what, value, ok) => {
    expect(incidentCursor.safeParse(value).success).toBe(ok);
  });
});
