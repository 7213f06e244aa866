import { describe, expect, it } from "vitest";
import { formatAge, formatFigure } from "./figures";

describe("formatFigure", () => {
  it("reads the known figures with their units", () => {
    expect(formatFigure("processedPerSecond", 12.34)).toEqual({ label: "processed", text: "12.3/s" });
    expect(formatFigure("errorRate", 0.053)).toEqual({ label: "errors", text: "5.3%" });
    expect(formatFigure("p99Seconds", 0.2345)).toEqual({ label: "p99", text: "235 ms" });
    expect(formatFigure("consumerLag", 12408)).toEqual({ label: "consumer lag", text: "12,408" });
  });

  it("guesses units from the name of other figures and shows unknown values as a dash", () => {
    expect(formatFigure("usedMemoryBytes", 3 * 1024 * 1024)).toEqual({ label: "memory", text: "3.0 MiB" });
    expect(formatFigure("underReplicated", 2)).toEqual({ label: "under replicated", text: "2" });
    expect(formatFigure("errorRate", null).text).toBe("–");
    expect(formatFigure("errorRate", Number.NaN).text).toBe("–");
    expect(formatFigure("version", "18.16.1").text).toBe("18.16.1");
  });
});

describe("formatAge", () => {
  it("says seconds, then minutes, then hours", () => {
    expect(formatAge(4_200)).toBe("4 s ago");
    expect(formatAge(5 * 60_000)).toBe("5 min ago");
    expect(formatAge(3 * 3_600_000)).toBe("3 h ago");
  });
});
