import { describe, expect, it } from "vitest";
import { countdownAnnouncement } from "./countdown-announcement";

const WHO = "L2 · Senior engineer";

describe("countdownAnnouncement", () => {
  it("stays quiet on the first tick and between thresholds", () => {
    expect(countdownAnnouncement(null, 30_000, WHO)).toBeNull();
    expect(countdownAnnouncement(600_000, 599_000, WHO)).toBeNull();
    expect(countdownAnnouncement(200_000, 199_000, WHO)).toBeNull();
  });

  it("speaks once when five minutes, one minute and the deadline are reached", () => {
    expect(countdownAnnouncement(300_400, 299_400, WHO)).toBe("5 minutes left for L2 · Senior engineer to acknowledge.");
    expect(countdownAnnouncement(60_500, 59_500, WHO)).toBe("1 minute left for L2 · Senior engineer to acknowledge.");
    expect(countdownAnnouncement(59_500, 58_500, WHO)).toBeNull();
    expect(countdownAnnouncement(400, -600, WHO)).toContain("has passed");
    expect(countdownAnnouncement(-600, -1_600, WHO)).toBeNull();
  });

  it("says only the latest threshold when several pass at once (a sleeping tab wakes up)", () => {
    expect(countdownAnnouncement(400_000, 30_000, WHO)).toBe("1 minute left for L2 · Senior engineer to acknowledge.");
    expect(countdownAnnouncement(400_000, -5_000, WHO)).toContain("has passed");
  });
});
