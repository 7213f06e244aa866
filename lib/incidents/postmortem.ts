import { formatDuration } from "@/lib/config/duration";
import { handoffPacketMarkdown, type HandoffPacket } from "./handoff-packet";
import { timeToAcknowledge, timeToResolve } from "./incident-metrics";
import { SEVERITY_MEANINGS } from "./severity";
import { incidentRef, type EvidenceData, type IncidentSummary, type TimelineEntry } from "./types";

/** A postmortem draft in Markdown, from the record alone. Pure. */
export function postmortemMarkdown(options: {
  incident: IncidentSummary;
  timeline: TimelineEntry[];
  handoffs: { fromLevel: string; toLevel: string; packet: HandoffPacket; acknowledgedAt: string | null; acknowledgedBy: string | null; automatic: boolean }[];
}): string {
  const { incident } = options;
  const timeline = [...options.timeline].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const times = {
    detectedAt: new Date(incident.detectedAt),
    impactStartedAt: new Date(incident.impactStartedAt),
    acknowledgedAt: incident.acknowledgedAt ? new Date(incident.acknowledgedAt) : null,
    resolvedAt: incident.resolvedAt ? new Date(incident.resolvedAt) : null,
  };
  const mtta = timeToAcknowledge(times);
  const mttr = timeToResolve(times);
  const line = (entry: TimelineEntry) => {
    const text =
      entry.kind === "note"
        ? (entry.body ?? "").replace(/\n+/g, " ")
        : entry.kind === "evidence"
          ? `${(entry.data as unknown as EvidenceData).verdict.toUpperCase()} ${(entry.data as unknown as EvidenceData).check}: ${(entry.data as unknown as EvidenceData).summary}`
          : (entry.body ?? String(entry.data?.summary ?? entry.kind));
    return `| ${entry.at} | ${entry.kind} | ${entry.author} | ${text.replace(/\|/g, "\\|")} |`;
  };
  return [
    `# Postmortem draft: ${incidentRef(incident.number)} ${incident.title}`,
    "",
    "## Summary",
    "",
    `- Severity: **${incident.severity}** (${SEVERITY_MEANINGS[incident.severity]})`,
    `- Services: ${incident.services.join(", ") || "none named"}`,
    `- Status: ${incident.status}; final level ${incident.level}; owner ${incident.owner ?? "none"}`,
    `- Declared by ${incident.declaredBy}${incident.emergency ? ` as an emergency (${incident.emergency})` : ""}`,
    "",
    "_What happened, in two sentences:_ (to write)",
    "",
    "## Impact window",
    "",
    `- Impact started: ${incident.impactStartedAt}`,
    `- Detected: ${incident.detectedAt}`,
    `- First acknowledged: ${incident.acknowledgedAt ?? "never"}`,
    `- Resolved: ${incident.resolvedAt ?? "not resolved"}`,
    `- MTTA: ${mtta === null ? "n/a" : formatDuration(mtta)} · MTTR: ${mttr === null ? "n/a" : formatDuration(mttr)}`,
    "",
    "## Evidence",
    "",
    ...(timeline.some((entry) => entry.kind === "evidence")
      ? timeline.filter((entry) => entry.kind === "evidence").map((entry) => `- ${line(entry).split(" | ").slice(3).join(" | ").replace(/ \|$/, "")}`)
      : ["- No diagnosis evidence was recorded."]),
    "",
    "## Operations",
    "",
    ...(timeline.some((entry) => entry.kind === "operation")
      ? timeline.filter((entry) => entry.kind === "operation").map((entry) => `- ${entry.at} ${entry.author}: ${entry.body ?? String(entry.data?.summary ?? "")}`)
      : ["- None."]),
    "",
    "## Hand-offs",
    "",
    ...(options.handoffs.length
      ? options.handoffs.map(
          (handoff) =>
            `- ${handoff.fromLevel} → ${handoff.toLevel}${handoff.automatic ? " (automatic, not acknowledged in time)" : ""}: ${
              handoff.acknowledgedAt ? `acknowledged by ${handoff.acknowledgedBy} at ${handoff.acknowledgedAt}` : "not acknowledged"
            }`,
        )
      : ["- None."]),
    ...options.handoffs.flatMap((handoff) => ["", handoffPacketMarkdown(handoff.packet).replace(/^## /m, "### ")]),
    "",
    "## Timeline",
    "",
    "| time (UTC) | kind | who | what |",
    "| --- | --- | --- | --- |",
    ...timeline.map(line),
    "",
    "## Follow-ups",
    "",
    "- (to write)",
    "",
  ].join("\n");
}
