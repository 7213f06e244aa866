import { describe, expect, it } from "vitest";
import { slopePerMinute } from "./memory-slope";

const every3s = (rssAt: (minute: number) => number, minutes = 4) =>
  Array.from({ length: (minutes * 60) / 3 + 1 }, (_, i) => ({ t: i * 3_000, rss: rssAt((i * 3) / 60) }));

describe("slopePerMinute (the soak's memory trend)", () => {
  it("is the growth per minute of a steady leak, and about 0 for flat memory with noise", () => {
    expect(slopePerMinute(every3s((minute) => 300 + 8 * minute))).toBeCloseTo(8, 6);
    expect(Math.abs(slopePerMinute(every3s((minute) => 400 + (Math.round(minute * 20) % 2 ? 15 : -15))))).toBeLessThan(1);
  });

  it("sees a heap that grew and then settled as a smaller trend than the growth itself", () => {
    const settling = every3s((minute) => (minute < 1 ? 300 + 150 * minute : 450));
    expect(slopePerMinute(settling)).toBeGreaterThan(0);
    expect(slopePerMinute(settling)).toBeLessThan(150);
    expect(slopePerMinute(settling.filter((sample) => sample.t >= 60_000))).toBeCloseTo(0, 6);
  });

  it("is NaN with fewer than two samples and 0 when time does not move", () => {
    expect(slopePerMinute([])).toBeNaN();
    expect(slopePerMinute([{ t: 0, rss: 1 }])).toBeNaN();
    expect(slopePerMinute([{ t: 5, rss: 1 }, { t: 5, rss: 9 }])).toBe(0);
  });
});
