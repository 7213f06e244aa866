import { describe, expect, it } from "vitest";
import { canChangeStatus, levelOfRole, nextLevel, startingLevel } from "./lifecycle";

describe("incident lifecycle", () => {
  it("moves forward, may skip, and only reopens backwards", () => {
    expect(canChangeStatus("investigating", "identified")).toBe(true);
    expect(canChangeStatus("investigating", "resolved")).toBe(true);
    expect(canChangeStatus("mitigated", "identified")).toBe(false);
    expect(canChangeStatus("resolved", "investigating")).toBe(true);
    expect(canChangeStatus("resolved", "mitigated")).toBe(false);
    expect(canChangeStatus("identified", "identified")).toBe(false);
  });

  it("escalates L1 → L2 → L3 and no further", () => {
    expect(nextLevel("L1")).toBe("L2");
    expect(nextLevel("L2")).toBe("L3");
    expect(nextLevel("L3")).toBeNull();
  });

  it("maps roles to the level they answer for", () => {
    expect(levelOfRole("l2")).toBe("L2");
    expect(levelOfRole("admin")).toBeNull();
    expect(levelOfRole("viewer")).toBeNull();
  });

  it("starts data loss and security breaches at L3", () => {
    expect(startingLevel("data-loss")).toBe("L3");
    expect(startingLevel("security-breach")).toBe("L3");
    expect(startingLevel("service-outage")).toBe("L1");
    expect(startingLevel(null)).toBe("L1");
  });
});
