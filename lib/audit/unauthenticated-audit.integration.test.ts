import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { OTHER_SOURCES, UNAUTHENTICATED_ACTION, UnauthenticatedAudit, type UnauthenticatedRequest } from "./unauthenticated-audit";

const WINDOW_MS = 10 * 60_000;
/** The start of a window, so a test's requests all fall in it. */
const T0 = new Date(Math.floor(Date.parse("2026-12-03T09:00:00Z") / WINDOW_MS) * WINDOW_MS);
const at = (ms: number) => new Date(T0.getTime() + ms);
const refused = (address: string | null, route = "/api/v1/incidents"): UnauthenticatedRequest => ({ address, method: "GET", route, credentials: "no credentials" });

describe("401s in the audit log, aggregated per address (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  // The audit log is append-only: each test works in its own window. A first refusal lies in
  // [start, end); a tally is dated when its window closes, in (start, end].
  const rows = (start: Date, targetType: "request-source" | "request-source-tally") => {
    const end = new Date(start.getTime() + WINDOW_MS);
    return database.db.auditLog.findMany({
      where: { action: UNAUTHENTICATED_ACTION, targetType, at: targetType === "request-source" ? { gte: start, lt: end } : { gt: start, lte: end } },
      orderBy: { id: "asc" },
      select: { targetType: true, targetId: true, detail: true, after: true, actor: true, outcome: true },
    });
  };

  it("a flood of 1,000 refusals from one address is one row at once and one tally when the window closes", async () => {
    const audit = new UnauthenticatedAudit();
    const start = at(0);
    await Promise.all(Array.from({ length: 1_000 }, (_, i) => audit.record(database.db, refused("203.0.113.7", i % 2 ? "/api/v1/incidents" : "/api/v1/health"), at(i))));
    const first = await rows(start, "request-source");
    expect(first).toEqual([
      { targetType: "request-source", targetId: "address:203.0.113.7", actor: "anonymous", outcome: "denied", after: null, detail: expect.stringContaining("401 for GET /api/v1/") },
    ]);
    expect(first[0]!.detail).toContain("no credentials");

    await audit.flush(database.db, at(WINDOW_MS - 1));
    expect(await rows(start, "request-source-tally")).toHaveLength(0);
    await audit.flush(database.db, at(WINDOW_MS));
    const after = await rows(start, "request-source-tally");
    expect(await rows(start, "request-source")).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ targetType: "request-source-tally", targetId: "address:203.0.113.7", after: { requests: 1_000, routes: expect.arrayContaining(["GET /api/v1/incidents", "GET /api/v1/health"]) } });
    expect(after[0]!.detail).toContain("1000 requests refused with 401 from address:203.0.113.7");
  });

  it("refusals from 500 addresses in one window write at most one row per address up to the cap, then one shared row", async () => {
    const audit = new UnauthenticatedAudit({ maxSources: 20 });
    const start = at(WINDOW_MS);
    for (let i = 0; i < 500; i++) await audit.record(database.db, refused(`10.0.${Math.floor(i / 250)}.${i % 250}`), at(WINDOW_MS + i));
    const written = await rows(start, "request-source");
    expect(written).toHaveLength(21);
    expect(written.at(-1)).toMatchObject({ targetId: OTHER_SOURCES, detail: expect.stringContaining("More than 20 addresses") });

    await audit.flush(database.db, at(2 * WINDOW_MS));
    const tallies = await rows(start, "request-source-tally");
    // The 20 own addresses were refused once each: only the shared subject has a tally.
    expect(tallies).toEqual([expect.objectContaining({ targetId: OTHER_SOURCES, after: expect.objectContaining({ requests: 480 }) })]);
  });

  it("two console processes write the first refusal of an address once; the next window writes it again", async () => {
    const processA = new UnauthenticatedAudit();
    const processB = new UnauthenticatedAudit();
    const start = at(2 * WINDOW_MS);
    await processA.record(database.db, refused("192.0.2.1"), at(2 * WINDOW_MS + 1));
    await processB.record(database.db, refused("192.0.2.1"), at(2 * WINDOW_MS + 2));
    await processB.record(database.db, refused(null), at(2 * WINDOW_MS + 3));
    expect((await rows(start, "request-source")).map((row) => row.targetId)).toEqual(["address:192.0.2.1", "address:unknown"]);

    await processA.record(database.db, refused("192.0.2.1"), at(3 * WINDOW_MS + 1));
    expect((await rows(at(3 * WINDOW_MS), "request-source")).map((row) => row.targetId)).toEqual(["address:192.0.2.1"]);
  });
});
