import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { incidentFilters } from "@/lib/incidents/list-incidents";
import { incidentCursor, timelineEntryId } from "@/lib/incidents/timeline-cursor";
import { logQuery } from "@/lib/health/service-logs";
import { lineMatches, logFilterParam } from "@/lib/connectors/kubernetes/log-lines";

/**
 * Search and filter queries come from a URL anyone can edit. Whatever the query string, its
 * schema answers parsed or refused (the routes turn a refusal into a 400 with the first
 * issue) — never an exception, which would be a 500. Fixed seed.
 */
const SEED = 20261203;

/** Query strings as a browser or a script could send them: random text, and the real names with random values. */
const queryString = (names: string[]) =>
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fc.tuple(fc.constantFrom(...names, "x"), fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("", "-1", "0", "1e9", "99999999999999999999999", "NaN", "Infinity", "\u202E", "%00", "2026-13-45T99:99:99Z_ck1"))), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
  );
const fromQuery = (text: string) => Object.fromEntries(new URLSearchParams(text));

describe("query strings", () => {
  it("the incident list's filters parse or refuse, and a parsed page size is 1–200", () => {
    fc.assert(
      fc.property(queryString(["status", "severity", "level", "service", "q", "after", "limit"]), (text) => {
        const parsed = incidentFilters.safeParse(fromQuery(text));
        if (!parsed.success) expect(parsed.error.issues[0]?.message).toMatch(/\w/);
        else {
          expect(parsed.data.limit).toBeGreaterThanOrEqual(1);
          expect(parsed.data.limit).toBeLessThanOrEqual(200);
          expect((parsed.data.q ?? "").length).toBeLessThanOrEqual(200);
        }
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  it("timeline ids and list cursors parse or refuse, never throw; a parsed id fits int8", () => {
    const id = timelineEntryId("must be a timeline entry id");
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.bigInt().map(String), fc.stringMatching(/^\d{1,25}$/)), (text) => {
        const parsedId = id.safeParse(text);
        if (parsedId.success) expect(BigInt(parsedId.data) <= 9_223_372_036_854_775_807n).toBe(true);
        incidentCursor.safeParse(text);
        incidentCursor.safeParse(`${text}_ck1`);
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  it("the log viewer's query parses or refuses; a parsed tail is 1–5,000 lines and a filter a plain word", () => {
    fc.assert(
      fc.property(queryString(["pod", "tail", "sinceSeconds", "previous", "filter", "follow"]), (text) => {
        const parsed = logQuery.safeParse(fromQuery(text));
        if (parsed.success) {
          expect(parsed.data.tail).toBeGreaterThanOrEqual(1);
          expect(parsed.data.tail).toBeLessThanOrEqual(5_000);
          if (parsed.data.filter !== undefined) expect(parsed.data.filter).toMatch(/^[A-Za-z0-9_.:=/@ -]{1,64}$/);
        }
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  it("a log filter is a substring, not a pattern: any accepted filter matches the line that contains it", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 64 }), (before, after, filter) => {
        if (!logFilterParam.safeParse(filter).success) return;
        expect(lineMatches(`${before}${filter}${after}`, filter)).toBe(true);
        expect(lineMatches(`${before}${filter.toUpperCase()}${after}`, filter.toLowerCase())).toBe(true);
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });
});
