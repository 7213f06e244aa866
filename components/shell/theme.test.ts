import { describe, expect, it } from "vitest";
import { resolveTheme } from "./theme";

describe("resolveTheme", () => {
  it("is dark at night in automatic mode, whatever the system says", () => {
    expect(resolveTheme("auto", 23, false)).toBe("dark");
    expect(resolveTheme("auto", 3, false)).toBe("dark");
    expect(resolveTheme("auto", 19, false)).toBe("dark");
  });

  it("follows the system by day in automatic mode", () => {
    expect(resolveTheme("auto", 7, false)).toBe("light");
    expect(resolveTheme("auto", 12, true)).toBe("dark");
  });

  it("keeps an explicit choice", () => {
    expect(resolveTheme("light", 2, true)).toBe("light");
    expect(resolveTheme("dark", 12, false)).toBe("dark");
  });
});
