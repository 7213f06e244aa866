import { describe, expect, it } from "vitest";
import { cpuMillicores, formatBytes, memoryBytes, parseQuantity } from "./quantity";

describe("Kubernetes quantities", () => {
  it("reads CPU as millicores and memory as bytes, as kubectl top prints them", () => {
    expect(cpuMillicores("250m")).toBe(250);
    expect(cpuMillicores("2")).toBe(2000);
    expect(cpuMillicores("1500000n")).toBe(1.5);
    expect(cpuMillicores("0.5")).toBe(500);
    expect(memoryBytes("384Mi")).toBe(402_653_184);
    expect(memoryBytes("1Gi")).toBe(1_073_741_824);
    expect(memoryBytes("129348Ki")).toBe(132_452_352);
    expect(memoryBytes("1e3")).toBe(1000);
    expect(memoryBytes("2M")).toBe(2_000_000);
  });

  it("is null for text that is not a quantity", () => {
    for (const text of ["", "abc", "12Qi", "1..2", undefined, null, "1Mi; drop"]) expect(parseQuantity(text as string)).toBeNull();
  });

  it("formats bytes in binary units", () => {
    expect(formatBytes(402_653_184)).toBe("384Mi");
    expect(formatBytes(1_610_612_736)).toBe("1.5Gi");
    expect(formatBytes(512)).toBe("512B");
  });
});
