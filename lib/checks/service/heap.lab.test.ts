import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pods } from "@/lab/tests/runbook";
import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";
import { labContext } from "@/test/lab-catalog";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { runCheck } from "../define-check";
import { heap } from "./heap";

const MiB = 1024 * 1024;
/** `kubectl get pods -l app=normalization-service -o json`: the limit as the pod spec states it, e.g. "512Mi". */
function limitFromKubectl(): number {
  const spec = pods("app=normalization-service")[0]?.spec as { containers: Array<{ resources?: { limits?: { memory?: string } } }> } | undefined;
  const memory = spec?.containers[0]?.resources?.limits?.memory ?? "";
  const match = /^(\d+)Mi$/.exec(memory);
  if (!match) throw new Error(`the lab's normalization-service has no memory limit in Mi: ${JSON.stringify(memory)}`);
  return Number(match[1]) * MiB;
}

describe("service.heap (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("judges normalization-service's resident memory against the limit kubectl shows in its pod spec", async () => {
    const limit = limitFromKubectl();
    const result = await runCheck(heap, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.data).toMatchObject({ runtime: "node", heapUsedBytes: expect.any(Number), residentBytes: expect.any(Number), limitBytes: limit });
    expect(result.data!.heapUsedBytes).toBeGreaterThan(1024 * 1024);
    expect(result.summary).toMatch(new RegExp(`^normalization-service: heap \\d+ MiB \\(\\d+ MiB allocated\\), resident \\d+ MiB; memory \\d+ % of limit \\(\\d+ MiB of ${limit / MiB} MiB\\)$`));
  });

  it("says the limit is unknown (skipped, not ok) without Kubernetes, and is an error when the API server is unreachable or hung", async () => {
    const noKube = await runCheck(heap, labContext({ overrides: { KUBECONFIG: "" } }), {});
    expect(noKube).toMatchObject({ verdict: "skipped", summary: expect.stringContaining("not judged against the container: pod spec not read (not configured") });
    const closed = await runCheck(heap, labContext({ overrides: { KUBECONFIG: await kubeconfigFor(await closedPort()) } }), {});
    expect(closed).toMatchObject({ verdict: "error", error: { kind: "unreachable" }, summary: expect.stringContaining("pod spec not read (unreachable") });
    const hung = await runCheck(heap, labContext({ overrides: { KUBECONFIG: await kubeconfigFor(hole.port) }, deadlineMs: 400 }), {});
    expect(hung).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });

  it("is skipped when the service has no metrics endpoint, unreachable for a closed port, a timeout for one that never answers", async () => {
    expect((await runCheck(heap, labContext({ overrides: { NORMALIZATION_SERVICE_METRICS_URL: undefined } }), {})).verdict).toBe("skipped");
    const closed = await runCheck(heap, labContext({ overrides: { NORMALIZATION_SERVICE_METRICS_URL: `http://127.0.0.1:${await closedPort()}/metrics` } }), {});
    expect(closed).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const hung = await runCheck(heap, labContext({ overrides: { NORMALIZATION_SERVICE_METRICS_URL: `http://127.0.0.1:${hole.port}/metrics` }, deadlineMs: 300 }), {});
    expect(hung).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
