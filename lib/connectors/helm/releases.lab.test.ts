import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { kubeconfigFor, LAB_KUBECONFIG } from "@/lib/connectors/kubernetes/lab-fixtures";
import { helm } from "@/lab/cluster/helm-cli";
import { readRelease } from "./releases";

/** The lab's Helm release secrets (lab/cluster/helm-release.ts), compared with the real helm v4 CLI. */
const LAB = { kubeconfig: LAB_KUBECONFIG };

describe("Helm release reader (lab)", () => {
  it("reads data-processing-pipeline's history as the real helm history does: revisions, statuses, charts, descriptions", async () => {
    const result = await readRelease(LAB, "data-processing", "data-processing-pipeline", 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { history, status } = result.value;
    // The independent source: helm v4 itself, reading the same Secrets (lab fault tests add
    // revisions and helm rollback prunes old ones, so no fixed revision numbers here).
    const helmHistory = JSON.parse(helm(["history", "data-processing-pipeline", "-n", "data-processing", "-o", "json", "--max", "256"])) as Array<{ revision: number; status: string; chart: string; description: string }>;
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.map((revision) => [revision.revision, revision.status, revision.chart, revision.description])).toEqual(
      helmHistory.map((revision) => [revision.revision, revision.status, revision.chart, revision.description]),
    );
    expect(history.some((revision) => revision.status === "failed")).toBe(true);
    expect(status.revision).toBe(history.at(-1)!.revision);
    expect(status.notes).toContain("kubectl get pods -n data-processing");
    expect(status.deployedRevision).toBe(helmHistory.filter((revision) => revision.status === "deployed").at(-1)?.revision ?? null);
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
