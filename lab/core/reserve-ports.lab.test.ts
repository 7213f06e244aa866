import { describe, expect, it } from "vitest";
import { labPorts, mergeReserved } from "./reserve-ports.ts";

describe("reserving the lab's ports from the ephemeral range", () => {
  it("lists the lab's ports inside 32768–60999 (Kafka, Prometheus, the API server…), not the low ones", () => {
    const ports = labPorts();
    expect(ports).toEqual(expect.arrayContaining([59092, 59090, 56443, 58123, 52379]));
    expect(ports.every((port) => port >= 32768 && port <= 60999)).toBe(true);
    expect(ports).not.toContain(18080);
  });

  it("merges into the kernel's list without repeating what a range already covers", () => {
    expect(mergeReserved("", [59090, 59092])).toBe("59090,59092");
    expect(mergeReserved("8080,59000-59100", [59090, 56379])).toBe("8080,59000-59100,56379");
    expect(mergeReserved("59090", [59090])).toBe("59090");
  });
});
