import { describe, expect, it } from "vitest";
import type { HelmReleaseStatus, HelmRevision } from "@/lib/connectors/helm/releases";
import { judgeHistory } from "./history";
import { judgeStatus } from "./status";

const revision = (n: number, status: string, chartVersion: string, description = "Upgrade complete"): HelmRevision => ({
  revision: n,
  status,
  chart: `data-processing-pipeline-${chartVersion}`,
  chartName: "data-processing-pipeline",
  chartVersion,
  appVersion: chartVersion,
  updated: "2026-11-29T07:00:00.000Z",
  description,
});

describe("helm.history verdicts", () => {
  it("warns on an earlier failed revision, naming it; fails when the latest failed; ok otherwise", () => {
    const history = [revision(1, "superseded", "2.3.0"), revision(2, "superseded", "2.4.0"), revision(3, "failed", "2.5.0-rc.1", "context deadline exceeded"), revision(4, "deployed", "2.4.0", "Rollback to 2")];
    expect(judgeHistory("data-processing-pipeline", history)).toMatchObject({
      verdict: "warn",
      summary: "4 revisions of data-processing-pipeline, latest 4 deployed (data-processing-pipeline-2.4.0); revision 3 failed: data-processing-pipeline-2.5.0-rc.1, context deadline exceeded",
      data: { failed: [3], latest: 4 },
    });
    expect(judgeHistory("r", [...history, revision(5, "failed", "2.5.0", "boom")]).verdict).toBe("fail");
    expect(judgeHistory("r", [...history, revision(5, "pending-upgrade", "2.5.0")]).verdict).toBe("fail");
    expect(judgeHistory("r", [revision(1, "deployed", "2.4.1")]).verdict).toBe("ok");
    const more = [...history, revision(5, "failed", "2.5.0", "timed out"), revision(6, "deployed", "2.4.1")];
    expect(judgeHistory("r", more).summary).toBe("6 revisions of r, latest 6 deployed (data-processing-pipeline-2.4.1); 2 failed revisions (3, 5), the latest 5: data-processing-pipeline-2.5.0, timed out");
  });
});

describe("helm.status verdicts", () => {
  const status = (state: string, deployedRevision: number | null): HelmReleaseStatus => ({ ...revision(5, state, "2.5.0", "Upgrade failed: timeout"), name: "data-processing-pipeline", namespace: "dp", firstDeployed: null, notes: "", values: {}, deployedRevision });
  it("ok when deployed, fail when failed or pending, naming the deployed revision", () => {
    const now = Date.parse("2026-11-30T09:00:00Z");
    expect(judgeStatus(status("deployed", 5), now)).toMatchObject({ verdict: "ok", summary: "data-processing-pipeline revision 5 deployed: data-processing-pipeline-2.5.0 (app 2.5.0), 26 h ago" });
    expect(judgeStatus(status("failed", 4), now)).toMatchObject({ verdict: "fail", summary: expect.stringContaining("Upgrade failed: timeout; revision 4 is the one deployed") });
    expect(judgeStatus(status("pending-rollback", null), now).verdict).toBe("fail");
  });

  it("keeps the release's notes and values out of the result: it becomes evidence every role reads", () => {
    const judged = judgeStatus({ ...status("failed", 4), notes: "admin password: hunter2", values: { db: { password: "hunter2" } } });
    expect(judged.data).not.toHaveProperty("notes");
    expect(judged.data).not.toHaveProperty("values");
    expect(JSON.stringify(judged)).not.toContain("hunter2");
  });
});
