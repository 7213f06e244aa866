import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { kubeconfigFor, LAB_KUBECONFIG } from "@/lib/connectors/kubernetes/lab-fixtures";
import { readRelease } from "./releases";

/** The lab's Helm v3 release secrets (lab/cluster/helm-release.ts): history 1…5+, revision 3 failed. */
const LAB = { kubeconfig: LAB_KUBECONFIG };

describe("Helm release reader (lab)", () => {
  it("reads data-processing-pipeline's history like helm history: revision 3 the failed 2.5.0-rc.1 upgrade", async () => {
    const result = await readRelease(LAB, "data-processing", "data-processing-pipeline", 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { history, status } = result.value;
    expect(history.slice(0, 4).map((revision) => [revision.revision, revision.status, revision.chart])).toEqual([
      [1, "superseded", "data-processing-pipeline-2.3.0"],
      [2, "superseded", "data-processing-pipeline-2.4.0"],
      [3, "failed", "data-processing-pipeline-2.5.0-rc.1"],
      [4, "superseded", "data-processing-pipeline-2.4.0"],
    ]);
    expect(history[2]!.description).toBe('Upgrade "data-processing-pipeline" failed: context deadline exceeded');
    expect(history[3]!.description).toBe("Rollback to 2");
    expect(status.revision).toBe(history.at(-1)!.revision);
    expect(status.notes).toContain("kubectl get pods -n data-processing");
    expect(status.deployedRevision).toBeGreaterThanOrEqual(5);
    expect(status.values).toMatchObject({ image: { tag: expect.any(String) } });
  });

  it("not_found for a release that does not exist; refuses a name that is not a release name", async () => {
    expect(await readRelease(LAB, "data-processing", "no-such-release", 5_000)).toMatchObject({ ok: false, error: { kind: "not_found", message: "release no-such-release not found in data-processing" } });
    expect(await readRelease(LAB, "data-processing", "x,owner!=helm", 5_000)).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  describe("failures", () => {
    let hole: BlackHole;
    beforeAll(async () => {
      hole = await blackHole();
    });
    afterAll(() => hole.close());

    it("unreachable on a closed port, timeout within the deadline on a black hole, a clear error without a kubeconfig file", async () => {
      expect(await readRelease({ kubeconfig: await kubeconfigFor(await closedPort()) }, "data-processing", "data-processing-pipeline", 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
      expect(await readRelease({ kubeconfig: await kubeconfigFor(hole.port) }, "data-processing", "data-processing-pipeline", 400)).toMatchObject({ ok: false, error: { kind: "timeout" } });
      expect(await readRelease({ kubeconfig: "/nonexistent/kubeconfig" }, "data-processing", "data-processing-pipeline", 400)).toMatchObject({ ok: false, error: { message: "kubeconfig /nonexistent/kubeconfig does not exist" } });
    });
  });
});
