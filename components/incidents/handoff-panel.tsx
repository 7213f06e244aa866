"use client";

import { useState, useTransition } from "react";
import { acknowledgeAction } from "@/app/(console)/incidents/actions";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { handoffPacketMarkdown, type HandoffPacket } from "@/lib/incidents/handoff-packet";
import { LEVEL_NAMES, levelOfRole, type Level } from "@/lib/incidents/lifecycle";
import type { Role } from "@/lib/auth/roles";
import { Countdown } from "./countdown";
import { MarkdownBody } from "./markdown-body";
import type { IncidentData } from "./use-incident";

/**
 * The hand-off waiting for acknowledgement, shown first: the receiving level reads the packet
 * and acknowledges; everyone sees the countdown to automatic escalation.
 */
export function HandoffPanel({ incident, role, onChanged }: { incident: IncidentData; role: Role; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const latest = incident.handoffs.at(-1);
  if (!latest) return null;
  const pendingHandoff = !latest.acknowledgedAt && !("expiredAt" in latest && latest.expiredAt) && incident.status !== "resolved" ? latest : null;
  const shown = pendingHandoff ?? latest;
  const mine = pendingHandoff && levelOfRole(role) === pendingHandoff.toLevel;
  const packet = shown.packet as unknown as HandoffPacket;
  return (
    <section aria-label="Hand-off" className="space-y-3 rounded-lg border border-warn/50 bg-warn/5 p-4">
      {pendingHandoff ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm font-semibold">
            Waiting for {LEVEL_NAMES[pendingHandoff.toLevel as Level]} to acknowledge · <Countdown deadline={pendingHandoff.ackDeadline} who={LEVEL_NAMES[pendingHandoff.toLevel as Level]} />
          </p>
          {mine ? (
            <Button
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await acknowledgeAction({ incidentId: incident.id });
                  if (result.ok) onChanged();
                  else setError(result.error.message);
                })
              }
            >
              {pending ? "Acknowledging…" : `Acknowledge as ${pendingHandoff.toLevel}`}
            </Button>
          ) : (
            <span className="text-xs text-fg-muted">Only {LEVEL_NAMES[pendingHandoff.toLevel as Level]} can acknowledge.</span>
          )}
        </div>
      ) : (
        <p className="text-sm font-semibold">
          Latest hand-off {latest.fromLevel} → {latest.toLevel}
          {latest.acknowledgedAt ? `, acknowledged by ${latest.acknowledgedBy}` : ""}
        </p>
      )}
      {error ? <Banner tone="fail" title={error} /> : null}
      {"incident" in packet ? (
        <details open={Boolean(mine)} className="rounded-md bg-surface-raised p-3">
          <summary className="cursor-pointer text-sm font-medium">Hand-off packet {shown.fromLevel} → {shown.toLevel}</summary>
          <div className="mt-2" data-testid="handoff-packet">
            <MarkdownBody text={handoffPacketMarkdown(packet)} />
          </div>
        </details>
      ) : (
        <p className="text-sm">{shown.note}</p>
      )}
    </section>
  );
}
