import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "./record-audit";

export const UNAUTHENTICATED_ACTION = "api.unauthenticated";
/** The first refusal of a source in a window: written at once. */
const FIRST_REFUSAL = "request-source";
/** How many requests a source sent in a closed window: written when the window closes. */
const WINDOW_TALLY = "request-source-tally";
/** Sources beyond the cap in one window share this subject. */
export const OTHER_SOURCES = "address:other";

export interface UnauthenticatedRequest {
  /** The client's address as the throttle sees it (lib/auth/client-address.ts), or null. */
  address: string | null;
  method: string;
  route: string;
  /** What was sent instead of valid credentials, without any secret: "no credentials", "API key ick_ab12… (unknown, revoked, expired or its creator disabled)". */
  credentials: string;
}

const MAX_ROUTES_NAMED = 5;

interface Tally {
  windowStart: number;
  subject: string;
  count: number;
  routes: Set<string>;
  /** Set when this source was folded into the shared subject: its requests count there. */
  sharedWith?: Tally;
}

function count(tally: Tally, route: string) {
  tally.count++;
  if (tally.routes.size < MAX_ROUTES_NAMED) tally.routes.add(route);
}


/**
 * Audits requests refused with 401 (no session, no valid API key) without letting a flood
 * grow the append-only log. As with locked sign-ins (lib/auth/sign-in.ts), the refusal has
 * no actor, so the client's address is the subject:
 *
 * - the first refusal of an address in a window (10 minutes) is written at once, with what
 *   was sent and where — unless another process already wrote it;
 * - every refusal is counted in memory, and when the window has closed `flush` writes one
 *   tally row per address that was refused more than once ("N requests … between …");
 * - at most `maxSources` addresses get rows of their own per window; the rest share one
 *   subject (`address:other`), so a flood from many addresses costs at most
 *   2 × (maxSources + 1) rows per window and process.
 *
 * A process that stops loses the tallies of its open window (the first rows are written).
 */
export class UnauthenticatedAudit {
  private readonly tallies = new Map<string, Tally>();
  private readonly windowMs: number;
  private readonly maxSources: number;

  constructor(options: { windowMs?: number; maxSources?: number } = {}) {
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.maxSources = options.maxSources ?? 20;
  }

  async record(db: Db, request: UnauthenticatedRequest, now = new Date()): Promise<void> {
    const windowStart = Math.floor(now.getTime() / this.windowMs) * this.windowMs;
    const route = `${request.method} ${request.route}`;
    const own = `address:${request.address ?? "unknown"}`;
    const subject = this.tally(windowStart, own) || this.sourcesIn(windowStart) < this.maxSources ? own : OTHER_SOURCES;
    const seen = this.tally(windowStart, subject);
    if (seen) {
      count(seen.sharedWith ?? seen, route);
      return;
    }
    // Counted before the first await: concurrent refusals from one source write one row.
    const tally: Tally = { windowStart, subject, count: 1, routes: new Set([route]) };
    this.tallies.set(`${windowStart}|${subject}`, tally);

    const recorded = await db.auditLog.findMany({
      where: { action: UNAUTHENTICATED_ACTION, targetType: FIRST_REFUSAL, at: { gte: new Date(windowStart) } },
      select: { targetId: true },
      distinct: ["targetId"],
      take: this.maxSources + 2,
    });
    const subjects = new Set(recorded.map((row) => row.targetId));
    if (subjects.has(subject)) return;
    let written = subject;
    if (subject !== OTHER_SOURCES && subjects.size >= this.maxSources) {
      // Other processes filled this window's own rows: this source is counted under the
      // shared subject (its entry stays, so the cap of entries per window holds here too).
      const other = this.tally(windowStart, OTHER_SOURCES);
      tally.sharedWith = other ?? { windowStart, subject: OTHER_SOURCES, count: 0, routes: new Set() };
      count(tally.sharedWith, route);
      tally.count = 0;
      if (other) return;
      this.tallies.set(`${windowStart}|${OTHER_SOURCES}`, tally.sharedWith);
      if (subjects.has(OTHER_SOURCES)) return;
      written = OTHER_SOURCES;
    }
    const until = new Date(windowStart + this.windowMs).toISOString();
    await recordAudit(db, {
      actor: null,
      action: UNAUTHENTICATED_ACTION,
      outcome: "denied",
      targetType: FIRST_REFUSAL,
      targetId: written,
      at: now,
      detail:
        written === OTHER_SOURCES
          ? `401 for ${route} from ${request.address ?? "an unknown address"}: ${request.credentials}. More than ${this.maxSources} addresses were refused in this window; further ones are counted together until ${until}`
          : `401 for ${route}: ${request.credentials}. Further refusals from this address until ${until} are counted, not written one by one`,
    });
  }

  /** Writes the tallies of windows that have closed (every minute, from the workers). */
  async flush(db: Db, now = new Date()): Promise<void> {
    for (const [key, tally] of this.tallies) {
      const windowEnd = tally.windowStart + this.windowMs;
      if (windowEnd > now.getTime()) continue;
      this.tallies.delete(key);
      if (tally.sharedWith || tally.count < 2) continue;
      await recordAudit(db, {
        actor: null,
        action: UNAUTHENTICATED_ACTION,
        outcome: "denied",
        targetType: WINDOW_TALLY,
        targetId: tally.subject,
        at: now,
        after: { requests: tally.count, from: new Date(tally.windowStart).toISOString(), until: new Date(windowEnd).toISOString(), routes: [...tally.routes] },
        detail: `${tally.count} requests refused with 401 from ${tally.subject} between ${new Date(tally.windowStart).toISOString()} and ${new Date(windowEnd).toISOString()} (${[...tally.routes].join(", ")})`,
      });
    }
  }

  private tally(windowStart: number, subject: string): Tally | undefined {
    return this.tallies.get(`${windowStart}|${subject}`);
  }

  private sourcesIn(windowStart: number): number {
    let sources = 0;
    for (const tally of this.tallies.values()) if (tally.windowStart === windowStart && tally.subject !== OTHER_SOURCES) sources++;
    return sources;
  }
}

/** The one per process: apiRoute records into it, the workers flush it. */
const globalForAudit = globalThis as unknown as { unauthenticatedAudit?: UnauthenticatedAudit };
export const unauthenticatedAudit = (globalForAudit.unauthenticatedAudit ??= new UnauthenticatedAudit());
