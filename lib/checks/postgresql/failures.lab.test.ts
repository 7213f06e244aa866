import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import type { CheckDefinition } from "../types";
import { postgresqlChecks } from "./index";

const checks: CheckDefinition[] = postgresqlChecks;

/** Every PostgreSQL check when the pipeline database is down, hung, refuses the login, or is not configured. */
describe("PostgreSQL checks when the database is not answering (lab)", () => {
  let hole: Awaited<ReturnType<typeof blackHole>>;
  let closed = 0;
  beforeAll(async () => {
    hole = await blackHole();
    closed = await closedPort();
  });
  afterAll(() => hole.close());

  it("are errors of kind unreachable for a closed port", async () => {
    const context = labContext({ overrides: { PIPELINE_DATABASE_URL: `postgresql://user:pipeline@127.0.0.1:${closed}/db` } });
    for (const check of checks) {
      expect(await runCheck(check, context, {}), check.id).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    }
  });

  it("are timeouts within the deadline for a server that never answers", async () => {
    const context = labContext({ overrides: { PIPELINE_DATABASE_URL: `postgresql://user:pipeline@127.0.0.1:${hole.port}/db` }, deadlineMs: 400 });
    for (const check of checks) {
      const result = await runCheck(check, context, {});
      expect(result, check.id).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    }
  });

  it("are unauthorized with a wrong password, which no summary repeats", async () => {
    const context = labContext({ overrides: { PIPELINE_DATABASE_URL: "postgresql://user:wrong-pg-pass-7@127.0.0.1:55432/db" } });
    for (const check of checks) {
      const result = await runCheck(check, context, {});
      expect(result, check.id).toMatchObject({ verdict: "error", error: { kind: "unauthorized" }, summary: expect.stringContaining("refused the login") });
      expect(JSON.stringify(result)).not.toContain("wrong-pg-pass-7");
    }
  });

  it("are skipped when the variable the catalog names is unset", async () => {
    const context = labContext({ overrides: { PIPELINE_DATABASE_URL: undefined } });
    for (const check of checks) {
      expect(await runCheck(check, context, {}), check.id).toMatchObject({ verdict: "skipped", summary: "not configured: no pipeline database URL (set PIPELINE_DATABASE_URL)" });
    }
  });
});
