import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helm } from "@/lab/cluster/helm-cli";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { history } from "./history";
import { status } from "./status";

/** The runbook's own command, the real helm v4 CLI (`helm … -o json`), as the expected values. */
const RELEASE = "data-processing-pipeline";
const helmJson = <T>(args: string[]): T => JSON.parse(helm([...args, RELEASE, "-n", "data-processing", "-o", "json"])) as T;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("Helm checks (lab)", () => {
  it("helm history: the revisions helm history prints; fail when the latest failed, warn when an earlier one did", async () => {
    const result = await runCheck(history, labContext());
    const cli = helmJson<Array<{ revision: number; status: string; chart: string; app_version: string; description: string }>>(["history"]);
    expect(cli.length).toBeGreaterThan(0);
    expect(result.data?.revisions.map(({ revision, status, chart, appVersion, description }) => ({ revision, status, chart, app_version: appVersion, description }))).toEqual(
      cli.map(({ revision, status, chart, app_version, description }) => ({ revision, status, chart, app_version, description })),
    );
    const failed = cli.filter((revision) => revision.status === "failed").map((revision) => revision.revision);
    expect(result.data?.failed).toEqual(failed);
    const latest = cli.at(-1)!;
    expect(result.verdict).toBe(latest.status === "failed" || latest.status.startsWith("pending-") ? "fail" : failed.length ? "warn" : "ok");
    expect(result.summary).toMatch(new RegExp(`^${cli.length} revisions of ${RELEASE}, latest ${latest.revision} ${latest.status} \\(${escape(latest.chart)}\\)`));
  });

  it("helm status: the revision and status helm status prints, with the chart and app version helm history gives that revision", async () => {
    const result = await runCheck(status, labContext());
    const cli = helmJson<{ version: number; info: { status: string } }>(["status"]);
    const [revision] = helmJson<Array<{ revision: number; chart: string; app_version: string }>>(["history", "--max", "1"]);
    expect(revision?.revision).toBe(cli.version);
    expect(result.data).toMatchObject({ revision: cli.version, status: cli.info.status, chart: revision!.chart, appVersion: revision!.app_version });
    expect(result.verdict).toBe(cli.info.status === "deployed" ? "ok" : "fail");
    expect(result.summary).toMatch(new RegExp(`^${RELEASE} revision ${cli.version} ${cli.info.status}: ${escape(revision!.chart)} \\(app ${escape(revision!.app_version)}\\), `));
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
