import { describe, expect, it } from "vitest";
import { CHECKS } from "@/lib/checks/registry";
import { parseConsoleConfig } from "@/lib/config/console-config";
import { PROCEDURES, EMERGENCIES } from "@/lib/runbooks/procedures";
import { loadProcedures, PROCEDURE_CATALOGUE } from "./catalogue";
import type { ProcedureInput } from "./definition";
import { PROCEDURE_FILES } from "./procedures";
import { checkProblems } from "./validate-checks";
import { operationProblems } from "./validate-operations";

const FILE = "lib/diagnosis/procedures/example.ts";

function example(overrides: Partial<ProcedureInput> = {}): ProcedureInput {
  return {
    id: "example",
    version: 1,
    kind: "procedure",
    section: "Kafka Issues",
    title: "Example",
    level: "L1",
    start: "lag",
    steps: [
      {
        id: "lag",
        title: "Check lag",
        kind: "check",
        check: "kafka.consumer-group-describe",
        params: { group: "normalization-group" },
        command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --group normalization-group \\\n  --describe",
        meaning: { ok: "fine", warn: "behind", fail: "stalled" },
        rules: [{ when: { verdict: ["fail"] }, goto: "fix", because: "stalled" }],
      },
      { id: "fix", title: "Fix", kind: "checklist", items: ["Restart affected services"] },
    ],
    ...overrides,
  };
}

function problemsOf(definition: ProcedureInput): string {
  try {
    const [procedure] = loadProcedures([{ file: FILE, definition }]);
    return checkProblems(FILE, procedure!, CHECKS).join("; ");
  } catch (error) {
    return (error as Error).message;
  }
}

describe("every procedure definition", () => {
  it("loads, names only known checks with parameters their schemas accept, and replaces the command it shows", () => {
    const problems = PROCEDURE_FILES.flatMap(({ file }, index) => checkProblems(file, PROCEDURE_CATALOGUE[index]!, CHECKS));
    expect(problems).toEqual([]);
  });

  it("covers the runbook's 18 procedures and 3 emergencies, each with its escalation level", () => {
    expect(PROCEDURES.map((procedure) => procedure.title)).toEqual([
      "Check Service Status", "Service Not Starting", "Data Not Processing", "Data Quality Issues", "High Latency", "High Memory Usage",
      "Authentication Failures", "Rate Limiting Issues", "Deployment Failures", "Image Pull Failures", "Prometheus Issues", "Grafana Issues",
      "ClickHouse Issues", "PostgreSQL Issues", "Consumer Lag", "Broker Issues", "Jaeger Issues", "Trace Quality Issues",
    ]);
    expect(EMERGENCIES.map((emergency) => [emergency.title, emergency.level])).toEqual([["Service Outage", "L1"], ["Data Loss", "L3"], ["Security Breach", "L3"]]);
    expect(PROCEDURES.find((procedure) => procedure.id === "data-not-processing")?.diagnosis.map((command) => command.purpose)).toEqual([
      "Check Kafka topic lag", "Check ClickHouse tables", "Check service metrics",
    ]);
  });

  it("acts only on objects the default catalog names, with an operation that acts on them, each followed by the procedure's verify step", () => {
    const parsed = parseConsoleConfig("", "console.config.yaml", {});
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const problems = PROCEDURE_FILES.flatMap(({ file }, index) => operationProblems(file, PROCEDURE_CATALOGUE[index]!, parsed.config));
    expect(problems).toEqual([]);
    const operations = PROCEDURE_CATALOGUE.flatMap((procedure) => procedure.steps.filter((step) => step.kind === "operation").map((step) => ({ procedure, step })));
    expect(new Set(operations.map(({ procedure }) => procedure.id))).toEqual(new Set(["data-not-processing", "consumer-lag", "deployment-failures", "image-pull-failures", "prometheus-issues", "high-memory-usage", "grafana-issues", "jaeger-issues"]));
    for (const { procedure, step } of operations) {
      expect(step.kind === "operation" && step.next?.goto, `${procedure.id}: ${step.id}`).toBe("verify");
      expect(procedure.steps.find((candidate) => candidate.id === "verify")?.kind, procedure.id).toBe("verify");
    }
  });

  it("refuses an operation step whose target the catalog does not name, or that the operation does not act on", () => {
    const parsed = parseConsoleConfig("", "console.config.yaml", {});
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const withOperation = (target: string) => loadProcedures([{ file: FILE, definition: example({ steps: [...example().steps, { id: "restart", title: "Restart", kind: "operation", operation: "rollout-restart", target, command: "kubectl rollout restart deployment/x", verify: ["lag"] }] as ProcedureInput["steps"] }) }])[0]!;
    expect(operationProblems(FILE, withOperation("deployment/data-processing/nothing-here"), parsed.config)).toEqual([`${FILE}: steps[2].target: the catalog names no deployment/data-processing/nothing-here`]);
    expect(operationProblems(FILE, withOperation("release/data-processing/data-processing-pipeline"), parsed.config)).toEqual([`${FILE}: steps[2].target: rollout-restart does not act on a HelmRelease (release/data-processing/data-processing-pipeline)`]);
  });

  it("offers the runbook's resolution lines as a checklist step in every procedure that has them", () => {
    for (const procedure of PROCEDURE_CATALOGUE.filter((candidate) => candidate.kind === "procedure" && candidate.resolution.length)) {
      const checklist = procedure.steps.find((step) => step.kind === "checklist");
      expect(checklist && checklist.kind === "checklist" ? checklist.items : null, procedure.id).toEqual(procedure.resolution);
    }
  });
});

describe("a definition that does not fit is refused, naming the file and the field", () => {
  it("accepts the example", () => {
    expect(problemsOf(example())).toBe("");
  });

  it("an unknown check", () => {
    const definition = example();
    (definition.steps[0] as { check: string }).check = "kafka.no-such-check";
    expect(problemsOf(definition)).toBe(`${FILE}: steps[0].check: unknown check "kafka.no-such-check"`);
  });

  it("parameters the check's own schema refuses", () => {
    const definition = example();
    (definition.steps[0] as { params: object }).params = { group: "bad group; rm -rf" };
    expect(problemsOf(definition)).toMatch(new RegExp(`^${FILE}: steps\\[0\\]\\.params\\.group: .+ \\(parameters of kafka.consumer-group-describe\\)$`));
  });

  it("a command the check does not replace", () => {
    const definition = example();
    (definition.steps[0] as { command: string }).command = "kubectl top nodes";
    expect(problemsOf(definition)).toBe(`${FILE}: steps[0].command: kafka.consumer-group-describe does not replace this runbook command`);
  });

  it("an unreachable step", () => {
    const definition = example();
    definition.steps.push({ id: "orphan", title: "Orphan", kind: "checklist", items: ["x"] });
    (definition.steps[1] as { next?: object }).next = { goto: "end", because: "done" };
    expect(problemsOf(definition)).toBe(`${FILE}: steps[2] ("orphan"): unreachable from the start`);
  });

  it("a rule that names no step", () => {
    const definition = example();
    (definition.steps[0] as { rules: { goto: string }[] }).rules[0]!.goto = "nowhere";
    expect(problemsOf(definition)).toBe(`${FILE}: steps[0].rules[0].goto: names no step ("nowhere")`);
  });

  it("a field of the wrong shape", () => {
    const definition = example();
    (definition.steps[0] as { meaning: object }).meaning = { ok: "fine" };
    expect(problemsOf(definition)).toBe(`${FILE}: steps[0].meaning.warn: Invalid input: expected string, received undefined`);
  });

  it("an id that is not the file name", () => {
    expect(problemsOf(example({ id: "other" }))).toBe(`${FILE}: id: "other" must match the file name ("example")`);
  });
});
