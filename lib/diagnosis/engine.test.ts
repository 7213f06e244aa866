import { describe, expect, it } from "vitest";
import { findProcedure } from "./catalogue";
import { branchAfter, figureAt, runView, type ResultRecord } from "./engine";

const procedure = findProcedure("data-not-processing")!;
const step = (id: string) => procedure.steps.find((candidate) => candidate.id === id)!;

function result(stepId: string, verdict: string, attempt = 1): ResultRecord {
  const branch = branchAfter(procedure, step(stepId), { verdict, data: null, answer: verdict });
  return { step: stepId, attempt, status: "done", verdict, summary: verdict, branchTo: branch.goto, branchReason: branch.because, ranBy: "l1@254carbon.com", startedAt: "2026-12-03T06:00:00Z", finishedAt: "2026-12-03T06:00:01Z" };
}

describe("branchAfter", () => {
  it("takes the first rule whose figure matches, with the figure in the reason", () => {
    expect(branchAfter(procedure, step("check-kafka-topic-lag"), { verdict: "fail", data: { totalLag: 12408 } })).toEqual({
      goto: "check-service-metrics",
      because: "lag 12,408 and the consumers are behind: is normalization-service processing at all?",
    });
  });

  it("falls back to a verdict rule, then to next", () => {
    expect(branchAfter(procedure, step("check-kafka-topic-lag"), { verdict: "fail", data: { totalLag: 3 } }).goto).toBe("check-service-metrics");
    expect(branchAfter(procedure, step("check-kafka-topic-lag"), { verdict: "ok", data: { totalLag: 3 } }).goto).toBe("check-clickhouse-tables");
  });

  it("does not give the default's reason when the check could not run", () => {
    expect(branchAfter(procedure, step("check-kafka-topic-lag"), { verdict: "error", data: null })).toEqual({
      goto: "check-clickhouse-tables",
      because: "no answer from this check (error): carry on with the procedure",
    });
  });

  it("follows the answer of a question", () => {
    expect(branchAfter(procedure, step("recent-change"), { verdict: "answered", answer: "yes" }).because).toMatch(/recent change/);
  });

  it("leads from \"no recent change\" to the restart, and from the restart (whatever its outcome) to the verify step", () => {
    expect(branchAfter(procedure, step("recent-change"), { verdict: "answered", answer: "no" }).goto).toBe("restart-affected-services");
    for (const outcome of ["succeeded", "partial", "failed"]) expect(branchAfter(procedure, step("restart-affected-services"), { verdict: outcome }).goto).toBe("verify");
  });

  it("falls through to the following step when a step names none", () => {
    const serviceNotStarting = findProcedure("service-not-starting")!;
    expect(branchAfter(serviceNotStarting, serviceNotStarting.steps.find((s) => s.id === "check-resource-usage")!, { verdict: "ok" })).toEqual({
      goto: "check-node-resources",
      because: "next in the runbook: Check node resources",
    });
  });
});

describe("runView", () => {
  it("starts at the procedure's start with every other step ahead", () => {
    const view = runView(procedure, []);
    expect(view.next).toEqual({ step: "check-kafka-topic-lag", reason: "the first step of the procedure" });
    expect(view.steps.map((s) => s.status)).toEqual(["current", "ahead", "ahead", "ahead", "ahead", "ahead", "ahead", "ahead"]);
  });

  it("the newest finished result decides the next step; a running step shows as running", () => {
    const results = [result("check-kafka-topic-lag", "ok"), { ...result("check-clickhouse-tables", "ok"), status: "running" as const, verdict: null }];
    const view = runView(procedure, results);
    expect(view.next?.step).toBe("check-clickhouse-tables");
    expect(view.steps.find((s) => s.id === "check-clickhouse-tables")?.status).toBe("running");
    expect(view.steps.find((s) => s.id === "check-kafka-topic-lag")?.status).toBe("done");
  });

  it("an executed operation step is done and suggests the verify step", () => {
    const view = runView(procedure, [result("check-kafka-topic-lag", "fail"), result("recent-change", "no"), result("restart-affected-services", "succeeded")]);
    expect(view.steps.find((s) => s.id === "restart-affected-services")?.status).toBe("done");
    expect(view.next).toEqual({ step: "verify", reason: "restarted: check that the lag drains and the service processes again" });
    expect(view.steps.find((s) => s.id === "verify")?.status).toBe("current");
  });

  it("finishes when a branch reaches the end, and keeps every attempt", () => {
    const results = [result("check-kafka-topic-lag", "ok"), result("verify", "fail"), result("verify", "ok", 2)];
    const view = runView(procedure, results);
    expect(view.state).toBe("finished");
    expect(view.next).toBeNull();
    expect(view.steps.find((s) => s.id === "verify")?.attempts).toBe(2);
  });
});

it("figureAt reads numbers by dotted path and nothing else", () => {
  expect(figureAt({ pods: [{ restarts: 6 }] }, "pods.0.restarts")).toBe(6);
  expect(figureAt({ totalLag: "12" }, "totalLag")).toBeNull();
  expect(figureAt(null, "totalLag")).toBeNull();
});
