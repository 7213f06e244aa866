import { describe, expect, it } from "vitest";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { elasticsearchChecks } from "../elasticsearch";
import { grafanaChecks } from "../grafana";
import { jaegerChecks } from "../jaeger";
import { prometheusChecks } from "../prometheus";
import { tlsChecks } from "../tls";
import { serviceChecks } from ".";

const checks = [...serviceChecks, ...prometheusChecks, ...grafanaChecks, ...jaegerChecks, ...elasticsearchChecks, ...tlsChecks];

describe("the HTTP-family checks replace runbook commands exactly", () => {
  it.each(checks.map((check) => [check.id, check] as const))("%s", (id, check) => {
    const procedure = PROCEDURES.find((entry) => entry.id === check.runbook.procedure);
    expect(procedure, `procedure ${check.runbook.procedure}`).toBeDefined();
    expect(procedure!.diagnosis).toContainEqual({ purpose: check.runbook.purpose, command: check.runbook.command });
    expect(id.split(".")[0]).toMatch(/^(service|prometheus|grafana|jaeger|elasticsearch|tls)$/);
    // defaults parse: every check runs without parameters, as the runbook's example
    expect(check.params.safeParse({}).success).toBe(true);
  });

  it("has unique ids", () => {
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
  });
});
