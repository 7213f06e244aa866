import { describe, expect, it } from "vitest";
import { podMatches } from "./delete-pod";
import { defaultRollbackRevision } from "./helm-rollback";
import { restartPatch, restartStamp } from "./rollout-restart";
import { rollbackRevision, templateForRollback } from "./rollout-undo";

describe("rollout restart", () => {
  it("writes kubectl's annotation with a seconds-precision RFC 3339 time", () => {
    const now = new Date("2026-12-03T05:30:01.234Z");
    expect(restartStamp(now)).toBe("2026-12-03T05:30:01Z");
    expect(restartPatch(now)).toEqual({ spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-12-03T05:30:01Z" } } } } });
  });
});

describe("rollout undo picks the revision kubectl would", () => {
  const rs = (revision: number, image: string) => ({ name: `rs-${revision}`, revision, template: { metadata: { labels: { app: "x", "pod-template-hash": `h${revision}` } }, spec: { containers: [{ name: "x", image }] } } });
  const sets = [rs(1, "x:1"), rs(2, "x:2"), rs(3, "x:3")];
  it("the newest revision before the current one, or the one asked for", () => {
    expect(rollbackRevision(sets, 3)).toMatchObject({ revision: 2 });
    expect(rollbackRevision(sets, 3, 1)).toMatchObject({ revision: 1 });
    expect(rollbackRevision(sets, 1)).toEqual({ error: "no revision before 1 to roll back to" });
    expect(rollbackRevision(sets, 3, 9)).toEqual({ error: "revision 9 not found (revisions: 1, 2, 3)" });
  });
  it("drops the pod-template-hash label from the template it puts back", () => {
    expect(templateForRollback(sets[1]!)).toEqual({ metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "x", image: "x:2" }] } });
  });
});

describe("helm rollback's default revision", () => {
  const rev = (revision: number, status: string) => ({ revision, status, chartVersion: null, description: "", manifest: "" });
  it("is the newest successful revision before the latest (a failed upgrade goes back to what ran)", () => {
    expect(defaultRollbackRevision([rev(1, "superseded"), rev(2, "deployed"), rev(3, "failed")])?.revision).toBe(2);
    expect(defaultRollbackRevision([rev(1, "superseded"), rev(2, "failed"), rev(3, "deployed")])?.revision).toBe(1);
    expect(defaultRollbackRevision([rev(1, "deployed")])).toBeUndefined();
  });
});

describe("delete pod only for a catalog service's pods", () => {
  it("matches every label of the selector", () => {
    const pod = { metadata: { labels: { app: "normalization-service", "pod-template-hash": "abc" } } };
    expect(podMatches(pod, "app=normalization-service")).toBe(true);
    expect(podMatches(pod, "app=enrichment-service")).toBe(false);
    expect(podMatches(pod, "app=normalization-service,tier=api")).toBe(false);
  });
});
