import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps a pasted deep link, with its query and fragment", () => {
    expect(safeCallbackPath("/incidents/cm123abc", ORIGIN)).toBe("/incidents/cm123abc");
    expect(safeCallbackPath("/incidents?status=investigating#list", ORIGIN)).toBe("/incidents?status=investigating#list");
    expect(safeCallbackPath(`${ORIGIN}/runbooks/kafka-lag`, ORIGIN)).toBe("/runbooks/kafka-lag");
  });

  it("sends anything that leaves the console to the overview", () => {
    for (const hostile of [
      "https://evil.example/incidents/1",
      "//evil.example/incidents/1",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/x/..//evil.example",
      "/%2e%2e//evil.example",
      "javascript:alert(1)",
      "data:text/html,hi",
      "http://localhost:3001/",
    ]) {
      const path = safeCallbackPath(hostile, ORIGIN);
      expect(path, hostile).toMatch(/^\/(?![/\\])/);
      expect(new URL(path, ORIGIN).origin, hostile).toBe(ORIGIN);
    }
    expect(safeCallbackPath("https://evil.example/incidents/1", ORIGIN)).toBe("/");
    expect(safeCallbackPath("/x/..//evil.example", ORIGIN)).toBe("/");
  });

  it("defaults to the overview without a callback", () => {
    expect(safeCallbackPath(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackPath("", ORIGIN)).toBe("/");
  });
});
