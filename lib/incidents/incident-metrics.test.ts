import { describe, expect, it } from "vitest";
import { meanTimes, timeToAcknowledge, timeToResolve } from "./incident-metrics";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 2, minute));

describe("MTTA and MTTR", () => {
  it("measures detection → acknowledgement and impact → resolution", () => {
    const incident = { impactStartedAt: at(0), detectedAt: at(5), acknowledgedAt: at(7), resolvedAt: at(45) };
    expect(timeToAcknowledge(incident)).toBe(2 * 60_000);
    expect(timeToResolve(incident)).toBe(45 * 60_000);
  });

  it("averages over the incidents that have each time", () => {
    const result = meanTimes([
      { impactStartedAt: at(0), detectedAt: at(0), acknowledgedAt: at(2), resolvedAt: at(10) },
      { impactStartedAt: at(0), detectedAt: at(0), acknowledgedAt: at(4), resolvedAt: null },
    ]);
    expect(result).toEqual({ mtta: 3 * 60_000, mttr: 10 * 60_000, count: 2 });
    expect(meanTimes([])).toEqual({ mtta: null, mttr: null, count: 0 });
  });
});
