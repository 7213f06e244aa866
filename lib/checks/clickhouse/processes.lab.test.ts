import { afterAll, describe, expect, it } from "vitest";
import { clickhouseClient, clickhouseTarget } from "@/lib/connectors/clickhouse/client";
import { eventually } from "@/test/eventually";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { processesCheck } from "./processes";

describe("clickhouse.processes (lab)", () => {
  const context = labContext({ yaml: "thresholds:\n  slowQuerySeconds: 1\n" });
  const target = clickhouseTarget(context.catalog.systems.clickhouse, context.env)!;
  const queryId = `lab-test-sleep-${process.pid}-${Date.now()}`;
  afterAll(async () => {
    await clickhouseClient(target, 5_000).command({ query: `KILL QUERY WHERE query_id = '${queryId}'` }).catch(() => undefined);
  });

  it("sees a query running longer than thresholds.slowQuerySeconds and warns, without counting itself", async () => {
    const sleeping = clickhouseClient(target, 10_000).query({ query: "SELECT sleep(3) AS slept", query_id: queryId, format: "JSONEachRow" }).then((result) => result.json());
    // Polled until the sleeper has run past the 1 s line (a loaded machine may start it late).
    const result = await eventually(
      () => runCheck(processesCheck, context, {}),
      (outcome) => Boolean(outcome.data?.queries.some((entry) => entry.queryId === queryId && entry.elapsedSeconds > 1)),
      2_900,
      200,
    );
    expect(result.verdict).toBe("warn");
    expect(result.summary).toMatch(/^\d+ quer(y|ies) running, longest \d+\.\d s \(default\); \d+ over 1 s$/);
    const sleeper = result.data!.queries.find((entry) => entry.queryId === queryId);
    expect(sleeper).toMatchObject({ user: "default", query: expect.stringContaining("sleep(3)") });
    expect(sleeper!.elapsedSeconds).toBeGreaterThan(1);
    expect(result.data!.queries.some((entry) => entry.query.includes("FROM system.processes WHERE query_id"))).toBe(false);
    await sleeping;
  });

  it("is ok when nothing runs past the threshold", async () => {
    const result = await runCheck(processesCheck, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^(no queries running|\d+ quer(y|ies) running, longest \d+\.\d s)/);
  });
});
