import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { probeElasticsearch } from "@/lib/health/systems/elasticsearch";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { clusterHealthCheck } from "./cluster-health";
import { spanCountCheck } from "./span-count";

/**
 * Elasticsearch is not in the lab (lab/README.md): only the paths that need no Elasticsearch
 * are exercised here, against local sockets: not configured, unreachable, a hung server.
 */
describe("elasticsearch checks and probeElasticsearch without Elasticsearch", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("says it is not in the lab", () => {
    for (const check of [clusterHealthCheck, spanCountCheck]) expect(check.lab).toMatch(/^Elasticsearch is not in the lab/);
  });

  it("is skipped / not configured without ELASTICSEARCH_URL", async () => {
    expect(await runCheck(clusterHealthCheck, labContext())).toMatchObject({ verdict: "skipped", summary: expect.stringMatching(/^not configured: no Elasticsearch URL/) });
    expect(await runCheck(spanCountCheck, labContext())).toMatchObject({ verdict: "skipped" });
    expect(await probeElasticsearch(labContext())).toMatchObject({ status: "not_configured" });
  });

  it("is an error when unreachable, without the URL's password in it", async () => {
    const context = labContext({ overrides: { ELASTICSEARCH_URL: `http://elastic:hunter2@127.0.0.1:${await closedPort()}` } });
    const result = await runCheck(clusterHealthCheck, context);
    expect(result).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(await runCheck(spanCountCheck, context)).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(await probeElasticsearch(context)).toMatchObject({ status: "unknown" });
  });

  it("times out on a hung server within the deadline", async () => {
    const context = labContext({ overrides: { ELASTICSEARCH_URL: `http://127.0.0.1:${hole.port}` }, deadlineMs: 400 });
    for (const check of [clusterHealthCheck, spanCountCheck]) {
      const result = await runCheck(check as typeof clusterHealthCheck, context);
      expect(result).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
      expect(result.ms).toBeLessThan(900);
    }
    expect(await probeElasticsearch(context)).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^timeout/)] });
  });
});
