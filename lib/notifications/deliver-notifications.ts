import "server-only";
import type { Db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { appendTimeline } from "@/lib/incidents/timeline";
import { announceChange } from "@/lib/incidents/live/timeline-bus";

export const MAX_ATTEMPTS = 8;

/** 5 s, 10 s, 20 s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

type Send = (target: string, payload: unknown, signal: AbortSignal) => Promise<{ ok: boolean; status: number }>;

const sendWebhook: Send = async (target, payload, signal) => {
  const response = await fetch(target, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload), signal });
  return { ok: response.ok, status: response.status };
};

/**
 * Sends due notifications from the outbox. Each row is claimed with FOR UPDATE SKIP LOCKED,
 * so with several console processes a notification is sent by one of them. The claim is
 * short (attempts+1 and a provisional next attempt are committed before the HTTP call) so a
 * slow webhook never holds a lock, and a crash mid-send retries later instead of losing it.
 */
export async function deliverNotifications(options: { db: Db; now?: Date; send?: Send; timeoutMs?: number }): Promise<number> {
  const { db } = options;
  const send = options.send ?? sendWebhook;
  const now = options.now ?? new Date();
  const claimed = await db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Notification"
       WHERE status = 'pending' AND "nextAttemptAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       ORDER BY "nextAttemptAt" LIMIT 10 FOR UPDATE SKIP LOCKED`;
    const rows = [];
    for (const { id } of due) {
      rows.push(
        await tx.notification.update({
          where: { id },
          data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + 60_000) },
        }),
      );
    }
    return rows;
  });

  for (const notification of claimed) {
    let error: string | null = null;
    try {
      const result = await send(notification.target, notification.payload, AbortSignal.timeout(options.timeoutMs ?? 5_000));
      if (!result.ok) error = `HTTP ${result.status}`;
    } catch (failure) {
      error = (failure as Error).name === "TimeoutError" ? "timed out" : "unreachable";
    }
    const gaveUp = error !== null && notification.attempts >= MAX_ATTEMPTS;
    await db.$transaction(async (tx) => {
      await tx.notification.update({
        where: { id: notification.id },
        data: error
          ? { status: gaveUp ? "failed" : "pending", lastError: error, nextAttemptAt: new Date(Date.now() + retryDelayMs(notification.attempts)) }
          : { status: "delivered", deliveredAt: new Date(), lastError: null },
      });
      // The timeline says who was told, and when telling them failed (first and last failure only).
      if (notification.incidentId && (!error || notification.attempts === 1 || gaveUp)) {
        await appendTimeline(tx, {
          incidentId: notification.incidentId,
          kind: "notification",
          actor: SYSTEM_ACTOR,
          body: !error
            ? `Notified ${notification.audience} (webhook, attempt ${notification.attempts})`
            : gaveUp
              ? `Gave up notifying ${notification.audience} after ${notification.attempts} attempts (${error})`
              : `Notifying ${notification.audience} failed (${error}); retrying with backoff`,
          data: { notificationId: notification.id, audience: notification.audience, status: error ? (gaveUp ? "failed" : "retrying") : "delivered", error },
        });
      }
    });
    if (notification.incidentId) await announceChange(db, notification.incidentId);
  }
  return claimed.length;
}
