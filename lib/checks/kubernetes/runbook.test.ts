import { describe, expect, it } from "vitest";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { runCheck } from "../define-check";
import type { CheckDefinition } from "../types";
import { helmChecks } from "../helm";
import { kubernetesChecks } from ".";

const commands = PROCEDURES.flatMap((procedure) => procedure.diagnosis.map((entry) => ({ procedure: procedure.id, ...entry })));

describe("Kubernetes and Helm checks against the runbook", () => {
  it("declare commands copied exactly from the runbook, with unique ids named after their files", () => {
    const checks = [...kubernetesChecks, ...helmChecks];
    for (const check of checks) expect(commands).toContainEqual(check.runbook);
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
    for (const check of checks) expect(check.id).toMatch(/^(kubernetes|helm)\.[a-z-]+$/);
  });

  it("refuse unsafe parameters before any request", async () => {
    const context = { catalog: { systems: { kubernetes: {} } }, thresholds: {}, deadlineMs: 100, env: {} } as never;
    const byId = new Map(kubernetesChecks.map((check) => [check.id, check as unknown as CheckDefinition]));
    expect((await runCheck(byId.get("kubernetes.logs")!, context, { filter: "ERROR.*|x" })).summary).toMatch(/^bad parameters: filter/);
    expect((await runCheck(byId.get("kubernetes.logs")!, context, { filter: "$(reboot)" })).summary).toMatch(/^bad parameters: filter/);
    expect((await runCheck(byId.get("kubernetes.describe-pod")!, context, { pod: "../../etc/passwd" })).summary).toMatch(/^bad parameters: pod/);
    expect((await runCheck(byId.get("kubernetes.image-pull")!, context, { image: "nginx; rm -rf /" })).summary).toMatch(/^bad parameters: image/);
    expect((await runCheck(byId.get("kubernetes.get-events")!, context, { namespace: "Data_Processing" })).summary).toMatch(/^bad parameters: namespace/);
    expect((await runCheck(helmChecks[0] as unknown as CheckDefinition, context, { release: "x,owner!=helm" })).summary).toMatch(/^bad parameters: release/);
  });

  it("is skipped, not an error, without a kubeconfig", async () => {
    const context = { catalog: { systems: { kubernetes: { inCluster: false } } }, thresholds: {}, deadlineMs: 100, env: {} } as never;
    for (const check of [...kubernetesChecks, ...helmChecks]) {
      const result = await runCheck(check as unknown as CheckDefinition, context, {});
      expect(result.verdict, check.id).toBe("skipped");
      expect(result.summary).toMatch(/KUBECONFIG/);
    }
  });
});
