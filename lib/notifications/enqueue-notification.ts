import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { consoleConfig } from "@/lib/config/console-config";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { appendTimeline } from "@/lib/incidents/timeline";

/**
 * Writes a notification into the outbox, in the caller's transaction: it exists exactly when
 * what caused it does. The delivery worker sends it (lib/notifications/deliver-notifications.ts).
 * Without a configured webhook it is kept as "skipped", so the timeline can say it was not sent.
 */
export async function enqueueNotification(
  tx: Prisma.TransactionClient,
  notification: { incidentId: string; audience: string; text: string },
) {
  const webhookUrl = consoleConfig().notifications.webhookUrl;
  if (!webhookUrl) {
    await appendTimeline(tx, {
      incidentId: notification.incidentId,
      kind: "notification",
      actor: SYSTEM_ACTOR,
      body: `Not sent to ${notification.audience}: no webhook is configured (notifications.webhookUrl).`,
      data: { audience: notification.audience, status: "skipped" },
    });
  }
  return tx.notification.create({
    data: {
      incidentId: notification.incidentId,
      audience: notification.audience,
      channel: "webhook",
      target: webhookUrl ?? "",
      // Slack-compatible incoming-webhook body.
      payload: { text: notification.text },
      status: webhookUrl ? "pending" : "skipped",
      lastError: webhookUrl ? null : "no notifications.webhookUrl configured",
    },
  });
}
