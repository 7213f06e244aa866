import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { heap } from "./heap";

describe("service.heap (lab)", () => {
  it("reads normalization-service's heap from its /metrics", async () => {
    const result = await runCheck(heap, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.data).toMatchObject({ runtime: "node", heapUsedBytes: expect.any(Number), residentBytes: expect.any(Number) });
    expect(result.data!.heapUsedBytes!).toBeGreaterThan(1024 * 1024);
    expect(result.summary).toMatch(/^normalization-service: heap \d+ MiB \(\d+ MiB allocated\), resident \d+ MiB$/);
  });

  it("is skipped when the service has no metrics endpoint, and an error when the endpoint is closed", async () => {
    expect((await runCheck(heap, labContext({ overrides: { NORMALIZATION_SERVICE_METRICS_URL: undefined } }), {})).verdict).toBe("skipped");
    const closed = await runCheck(heap, labContext({ overrides: { NORMALIZATION_SERVICE_METRICS_URL: "http://127.0.0.1:59998/metrics" } }), {});
    expect(closed).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
  });
});
