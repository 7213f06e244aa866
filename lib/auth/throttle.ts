import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * Sign-in throttling, kept in PostgreSQL so every app process sees the same counts.
 * After MAX_FAILURES failed attempts within WINDOW for one account or one client address,
 * further attempts for that subject are refused for LOCK without checking the password.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 60_000;
export const LOCK_MS = 5 * 60_000;

export function subjectsFor(email: string, address: string | null): string[] {
  const subjects = [`account:${email.trim().toLowerCase()}`];
  if (address) subjects.push(`address:${address}`);
  return subjects;
}

/**
 * Pure decision: given the failure times of one subject, until when is it locked? A lock
 * starts at the failure that brought the count within one window to the limit.
 */
export function lockedUntil(failures: Date[], now: Date): Date | null {
  const times = failures.map((failure) => failure.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = MAX_FAILURES - 1; i < times.length; i++) {
    const at = times[i]!;
    if (at - times[i - (MAX_FAILURES - 1)]! <= WINDOW_MS) until = Math.max(until ?? 0, at + LOCK_MS);
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

export async function checkThrottle(db: Db | Prisma.TransactionClient, subjects: string[], now = new Date()): Promise<Date | null> {
  return (await lockOf(db, subjects, now))?.until ?? null;
}

/** The subject whose lock lasts longest, if any is locked. */
async function lockOf(
  db: Db | Prisma.TransactionClient,
  subjects: string[],
  now: Date,
): Promise<{ subject: string; until: Date } | null> {
  const failures = await db.signInFailure.findMany({
    where: { subject: { in: subjects }, at: { gte: new Date(now.getTime() - LOCK_MS - WINDOW_MS) } },
    select: { subject: true, at: true },
  });
  let lock: { subject: string; until: Date } | null = null;
  for (const subject of subjects) {
    const locked = lockedUntil(
      failures.filter((failure) => failure.subject === subject).map((failure) => failure.at),
      now,
    );
    if (locked && (!lock || locked > lock.until)) lock = { subject, until: locked };
  }
  return lock;
}

/** Namespace of the advisory locks below (two-key form), so they cannot collide with others. */
const THROTTLE_LOCK_SPACE = 72707370;

export type AttemptAdmission =
  | { admitted: true; reservation: bigint[] }
  | { admitted: false; lockedUntil: Date; lockedSubject: string };

/**
 * Count-and-decide in one step: under a transaction-scoped advisory lock per subject (taken
 * in sorted order, so two attempts never deadlock), check the lock and, when admitted, write
 * this attempt's failure rows up front. Parallel guesses therefore queue on the lock and each
 * sees the ones before it; the password check (argon2, slow) runs outside the transaction.
 * A successful sign-in gives its reservation back with `releaseAttempt`.
 */
export async function admitAttempt(db: Db, subjects: string[], now = new Date()): Promise<AttemptAdmission> {
  return db.$transaction(async (tx) => {
    for (const subject of [...subjects].sort()) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${THROTTLE_LOCK_SPACE}::int, hashtext(${subject}))`;
    }
    const lock = await lockOf(tx, subjects, now);
    if (lock) return { admitted: false as const, lockedUntil: lock.until, lockedSubject: lock.subject };
    const rows = await tx.signInFailure.createManyAndReturn({
      data: subjects.map((subject) => ({ subject })),
      select: { id: true },
    });
    return { admitted: true as const, reservation: rows.map((row) => row.id) };
  });
}

/** The attempt succeeded: it was no failure after all. */
export async function releaseAttempt(db: Db, reservation: bigint[]): Promise<void> {
  await db.signInFailure.deleteMany({ where: { id: { in: reservation } } });
}

/** Old rows are only noise for the window queries above. */
export async function pruneFailures(db: Db, now = new Date()): Promise<void> {
  await db.signInFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - LOCK_MS - WINDOW_MS) } } });
}
