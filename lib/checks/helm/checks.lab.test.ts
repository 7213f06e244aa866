import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { history } from "./history";
import { status } from "./status";

describe("Helm checks (lab)", () => {
  it("helm history: warns with the failed revision 3 (2.5.0-rc.1, context deadline exceeded)", async () => {
    const result = await runCheck(history, labContext());
    expect(["warn", "fail"]).toContain(result.verdict); // fail only while the helm-failed fault is active
    expect(result.summary).toMatch(/^\d+ revisions of data-processing-pipeline, latest \d+ \w+ \(data-processing-pipeline-[^)]+\); (revision 3 failed|\d+ failed revisions \(3, )/);
    expect(result.data?.failed).toContain(3);
    expect(result.data?.revisions[2]).toMatchObject({ revision: 3, status: "failed", chart: "data-processing-pipeline-2.5.0-rc.1", description: 'Upgrade "data-processing-pipeline" failed: context deadline exceeded' });
  });

  it("helm status: the latest revision with chart and app version", async () => {
    const result = await runCheck(status, labContext());
    expect(result.summary).toMatch(/^data-processing-pipeline revision \d+ (deployed|failed): data-processing-pipeline-[\d.a-z-]+ \(app [\d.a-z-]+\), /);
    if (result.data?.status === "deployed") expect(result.verdict).toBe("ok");
    expect(JSON.stringify(result.data)).not.toContain("lab-only");
  });

  describe("failures", () => {
    let hole: BlackHole;
    beforeAll(async () => {
      hole = await blackHole();
    });
    afterAll(() => hole.close());

    it("unreachable, timeout within the deadline, a missing release", async () => {
      expect(await runCheck(status, labContext({ overrides: { KUBECONFIG: await kubeconfigFor(await closedPort()) } }))).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
      const hung = await runCheck(history, labContext({ overrides: { KUBECONFIG: await kubeconfigFor(hole.port) }, deadlineMs: 400 }));
      expect(hung).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
      expect(await runCheck(status, labContext(), { release: "no-such-release" })).toMatchObject({ verdict: "error", summary: "not found: release no-such-release not found in data-processing" });
    });
  });
});
