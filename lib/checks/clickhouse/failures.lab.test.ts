import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import type { CheckDefinition } from "../types";
import { clickhouseChecks } from "./index";

const checks: CheckDefinition[] = clickhouseChecks;

/** Every ClickHouse check when ClickHouse is down, hung, refuses the login, or is not configured. */
describe("ClickHouse checks when ClickHouse is not answering (lab)", () => {
  let hole: Awaited<ReturnType<typeof blackHole>>;
  let closed = 0;
  beforeAll(async () => {
    hole = await blackHole();
    closed = await closedPort();
  });
  afterAll(() => hole.close());

  it("are errors of kind unreachable for a closed port", async () => {
    const context = labContext({ overrides: { CLICKHOUSE_URL: `http://127.0.0.1:${closed}` } });
    for (const check of checks) {
      expect(await runCheck(check, context, {}), check.id).toMatchObject({ verdict: "error", error: { kind: "unreachable" }, summary: expect.stringMatching(/^unreachable: /) });
    }
  });

  it("are timeouts within the deadline for a server that never answers", async () => {
    const context = labContext({ overrides: { CLICKHOUSE_URL: `http://127.0.0.1:${hole.port}` }, deadlineMs: 400 });
    for (const check of checks) {
      const result = await runCheck(check, context, {});
      expect(result, check.id).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    }
  });

  it("are unauthorized with a wrong password, which no summary repeats", async () => {
    // The lab's default user has no password; 18.16 refuses a wrong one all the same.
    const context = labContext({ overrides: { CLICKHOUSE_PASSWORD: "wrong-secret-42" } });
    for (const check of checks) {
      const result = await runCheck(check, context, {});
      expect(result, check.id).toMatchObject({ verdict: "error", error: { kind: "unauthorized" } });
      expect(JSON.stringify(result)).not.toContain("wrong-secret-42");
    }
  });

  it("are skipped when no ClickHouse URL is configured", async () => {
    const context = labContext({ overrides: { CLICKHOUSE_URL: "" } });
    for (const check of checks) {
      expect(await runCheck(check, context, {}), check.id).toMatchObject({ verdict: "skipped", summary: expect.stringContaining("not configured") });
    }
  });
});
