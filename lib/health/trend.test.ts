import { describe, expect, it } from "vitest";
import { slope, Trend } from "./trend";

describe("Trend", () => {
  it("gives the growth per second of a figure sampled every 2 s", () => {
    const trend = new Trend();
    for (let second = 0; second <= 8; second += 2) trend.add(second * 1000, 100 + 25 * second);
    expect(trend.slopePerSecond()).toBeCloseTo(25, 6);
  });

  it("says nothing until the samples span the minimum window, so one jump is not a trend", () => {
    const trend = new Trend(15_000, 5_000);
    trend.add(0, 0);
    trend.add(2_000, 500);
    trend.add(4_000, 520);
    expect(trend.slopePerSecond()).toBeNull();
    trend.add(6_000, 530);
    expect(trend.slopePerSecond()).not.toBeNull();
  });

  it("forgets samples older than its window", () => {
    const trend = new Trend(10_000, 5_000);
    trend.add(0, 1_000);
    for (let second = 20; second <= 30; second += 2) trend.add(second * 1000, 50);
    expect(trend.slopePerSecond()).toBe(0);
  });

  it("is about flat for noise around a level", () => {
    const noisy = [0, 40, 10, 35, 5, 30, 12].map((value, index) => ({ at: index * 2000, value }));
    expect(Math.abs(slope(noisy, 5_000)!)).toBeLessThan(2);
  });
});
