import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { rateLimitKeysCheck } from "./rate-limit-keys";

describe("redis.rate-limit-keys (lab)", () => {
  let hole: Awaited<ReturnType<typeof blackHole>>;
  beforeAll(async () => {
    hole = await blackHole();
  });
  afterAll(() => hole.close());

  it("counts both services' counters and reads the newest windows' values and TTLs", async () => {
    const result = await runCheck(rateLimitKeysCheck, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^\d+ rate_limit:\* keys \((normalization|enrichment)-service \d+, (normalization|enrichment)-service \d+\); busiest: \S+-service key \d+ with \d+ requests \(expires in \d+ s\)$/);
    const data = result.data!;
    expect(data.complete).toBe(true);
    expect(data.byService.map((group) => group.service).sort()).toEqual(["enrichment-service", "normalization-service"]);
    // The lab's API client uses its two keys (trading-desk-a, risk-desk-b) on both services.
    for (const group of data.byService) expect(group.keyIds).toBeGreaterThanOrEqual(1);
    const newest = Math.max(...data.samples.map((sample) => sample.window ?? 0));
    expect(newest * 1000).toBeGreaterThan(Date.now() - 30_000);
    const live = data.samples.filter((sample) => sample.value !== null);
    expect(live.length).toBeGreaterThan(0);
    for (const sample of live) expect(sample).toMatchObject({ type: "string", value: expect.stringMatching(/^\d+$/), service: expect.stringMatching(/-service$/) });
  });

  it("warns about counters over the given limit, and says 'at least' when the scan is cut", async () => {
    const over = await runCheck(rateLimitKeysCheck, labContext(), { limit: 1 });
    expect(over).toMatchObject({ verdict: "warn", summary: expect.stringMatching(/^\d+ over the limit of 1; /) });
    expect(over.data!.overLimit.length).toBeGreaterThan(0);
    const cut = await runCheck(rateLimitKeysCheck, labContext(), { maxKeys: 1 });
    expect(cut.summary).toMatch(/^at least 1 rate_limit:\* key \(/);
    expect(cut.data).toMatchObject({ complete: false, stoppedBy: "max_keys", count: 1 });
  });

  it("finds nothing for a pattern nothing matches, and refuses a pattern with other characters", async () => {
    expect(await runCheck(rateLimitKeysCheck, labContext(), { pattern: "lab_test_none:*" })).toMatchObject({ verdict: "ok", summary: "no lab_test_none:* keys (no requests counted in the current windows)" });
    expect(await runCheck(rateLimitKeysCheck, labContext(), { pattern: "rate_limit:* \r\nFLUSHALL" })).toMatchObject({ verdict: "error", summary: expect.stringMatching(/^bad parameters: pattern/) });
  });

  it("is unreachable for a closed port, a timeout within the deadline for a hung server, unauthorized for a wrong login, skipped unconfigured", async () => {
    const port = await closedPort();
    expect(await runCheck(rateLimitKeysCheck, labContext({ overrides: { REDIS_URL: `redis://127.0.0.1:${port}` } }), {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const hung = await runCheck(rateLimitKeysCheck, labContext({ overrides: { REDIS_URL: `redis://127.0.0.1:${hole.port}` }, deadlineMs: 400 }), {});
    expect(hung).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    // The lab's Redis has no password; an ACL user it does not know is refused like a wrong password.
    const wrong = await runCheck(rateLimitKeysCheck, labContext({ overrides: { REDIS_URL: "redis://nobody:wrong-redis-pw@127.0.0.1:56379" } }), {});
    expect(wrong).toMatchObject({ verdict: "error", error: { kind: "unauthorized" } });
    expect(JSON.stringify(wrong)).not.toContain("wrong-redis-pw");
    expect(await runCheck(rateLimitKeysCheck, labContext({ overrides: { REDIS_URL: undefined } }), {})).toMatchObject({ verdict: "skipped", summary: "not configured: no Redis URL (set REDIS_URL)" });
  });
});
