import { describe, expect, it } from "vitest";
import { thresholdsSchema } from "@/lib/config/catalog";
import { judgeHeap, type HeapFigures } from "./heap";

const thresholds = thresholdsSchema.parse({});
const MiB = 1024 * 1024;
const node = (residentMiB: number | null, limitMiB: number | null): HeapFigures => ({
  runtime: "node",
  heapUsedBytes: 40 * MiB,
  heapMaxBytes: null,
  heapAllocatedBytes: 60 * MiB,
  residentBytes: residentMiB === null ? null : residentMiB * MiB,
  limitBytes: limitMiB === null ? null : limitMiB * MiB,
});

describe("service.heap judgement", () => {
  it("judges a Node service's resident memory against its container's limit: ok, warn at memoryWarn, fail at memoryFail", () => {
    expect(judgeHeap("normalization-service", node(100, 512), thresholds)).toEqual({
      verdict: "ok",
      summary: "normalization-service: heap 40 MiB (60 MiB allocated), resident 100 MiB; memory 20 % of limit (100 MiB of 512 MiB)",
    });
    expect(judgeHeap("normalization-service", node(450, 512), thresholds)).toEqual({
      verdict: "warn",
      summary: "normalization-service: heap 40 MiB (60 MiB allocated), resident 450 MiB; memory 88 % of limit (450 MiB of 512 MiB)",
    });
    expect(judgeHeap("normalization-service", node(500, 512), thresholds)).toMatchObject({ verdict: "fail", summary: expect.stringContaining("memory 98 % of limit (500 MiB of 512 MiB)") });
  });

  it("does not call memory fine when there is nothing to judge it against", () => {
    expect(judgeHeap("normalization-service", node(100, null), thresholds)).toEqual({
      verdict: "skipped",
      summary: "normalization-service: heap 40 MiB (60 MiB allocated), resident 100 MiB; not judged against the container: no memory limit in the pod spec",
    });
    expect(judgeHeap("normalization-service", node(100, null), thresholds, "pod spec not read (unreachable: connect ECONNREFUSED)").summary).toContain("pod spec not read (unreachable");
    expect(judgeHeap("normalization-service", node(null, 512), thresholds)).toMatchObject({ verdict: "skipped", summary: expect.stringContaining("resident memory not published") });
  });

  it("judges a JVM's heap against its maximum even when the container's limit is unknown, and the worse of the two wins", () => {
    const jvm: HeapFigures = { runtime: "jvm", heapUsedBytes: 980 * MiB, heapMaxBytes: 1024 * MiB, heapAllocatedBytes: null, residentBytes: 1200 * MiB, limitBytes: null };
    expect(judgeHeap("enrichment-service", jvm, thresholds)).toMatchObject({ verdict: "fail", summary: expect.stringMatching(/^enrichment-service: heap 980 MiB of 1024 MiB \(95\.7%\), resident 1200 MiB; not judged against/) });
    expect(judgeHeap("enrichment-service", { ...jvm, heapUsedBytes: 500 * MiB, limitBytes: 1300 * MiB }, thresholds)).toMatchObject({ verdict: "warn", summary: expect.stringContaining("memory 92 % of limit") });
    expect(judgeHeap("enrichment-service", { ...jvm, heapUsedBytes: 500 * MiB, limitBytes: 4096 * MiB }, thresholds).verdict).toBe("ok");
  });
});
