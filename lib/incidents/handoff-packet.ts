import { LEVEL_NAMES, type Level } from "./lifecycle";
import { SEVERITY_MEANINGS } from "./severity";
import { incidentRef, type EvidenceData, type IncidentSummary, type TimelineEntry } from "./types";

/**
 * What the next level reads first: generated from the timeline, so nothing the previous
 * responders did is lost in a phone call. Pure: same incident and timeline, same packet.
 */
export interface HandoffPacket {
  incident: { ref: string; title: string; severity: string; status: string; services: string[]; impactStartedAt: string; detectedAt: string };
  fromLevel: Level;
  toLevel: Level;
  checks: { check: string; verdict: string; summary: string; at: string }[];
  findings: { at: string; author: string; text: string }[];
  operations: { at: string; author: string; text: string }[];
  statusHistory: { at: string; from: string; to: string }[];
  /** guided-diagnosis runs, so the next level resumes them instead of starting over (absent in packets from before runs existed) */
  runs?: HandoffRun[];
  hypothesis: string | null;
  openQuestions: string[];
  note: string;
  link: string;
}

/** A guided-diagnosis run as the next level reads it (built by lib/diagnosis/handoff-runs.ts). */
export interface HandoffRun {
  id: string;
  procedure: string;
  title: string;
  state: "active" | "finished";
  startedBy: string;
  /** every step result in order: verdict, summary, who, the branch it chose, and any off-path reason */
  steps: { step: string; title: string; attempt: number; verdict: string; summary: string; by: string; at: string; branch: string | null; offPath: string | null }[];
  /** the step the run suggests next, and why; null when finished */
  pending: { step: string; title: string; reason: string } | null;
}

export function buildHandoffPacket(options: {
  incident: IncidentSummary;
  timeline: TimelineEntry[];
  fromLevel: Level;
  toLevel: Level;
  note: string;
  hypothesis?: string | null;
  openQuestions?: string[];
  runs?: HandoffRun[];
  baseUrl: string;
}): HandoffPacket {
  const { incident, timeline } = options;
  const chronological = [...timeline].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return {
    incident: {
      ref: incidentRef(incident.number),
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      services: incident.services,
      impactStartedAt: incident.impactStartedAt,
      detectedAt: incident.detectedAt,
    },
    fromLevel: options.fromLevel,
    toLevel: options.toLevel,
    checks: chronological
      .filter((entry) => entry.kind === "evidence" && entry.data)
      .map((entry) => {
        const evidence = entry.data as unknown as EvidenceData;
        return { check: evidence.check, verdict: evidence.verdict, summary: evidence.summary, at: entry.at };
      }),
    findings: chronological.filter((entry) => entry.kind === "note" && entry.body).map((entry) => ({ at: entry.at, author: entry.author, text: entry.body! })),
    operations: chronological
      .filter((entry) => entry.kind === "operation")
      .map((entry) => ({ at: entry.at, author: entry.author, text: entry.body ?? String((entry.data as { summary?: string } | null)?.summary ?? "operation") })),
    statusHistory: chronological
      .filter((entry) => entry.kind === "status" && entry.data)
      .map((entry) => ({ at: entry.at, from: String(entry.data!.from), to: String(entry.data!.to) })),
    runs: options.runs ?? [],
    hypothesis: options.hypothesis?.trim() || null,
    openQuestions: (options.openQuestions ?? []).map((question) => question.trim()).filter(Boolean),
    note: options.note.trim(),
    link: `${options.baseUrl.replace(/\/$/, "")}/incidents/${incident.id}`,
  };
}

const bullet = (lines: string[], empty: string) => (lines.length ? lines.map((line) => `- ${line}`).join("\n") : `- ${empty}`);

/** The packet as Markdown, for the incident page, the webhook and the postmortem. */
export function handoffPacketMarkdown(packet: HandoffPacket): string {
  const { incident } = packet;
  return [
    `## Hand-off ${packet.fromLevel} → ${packet.toLevel}: ${incident.ref} ${incident.title}`,
    "",
    `**${incident.severity}** (${SEVERITY_MEANINGS[incident.severity as keyof typeof SEVERITY_MEANINGS] ?? ""}) · status **${incident.status}** · services: ${incident.services.join(", ") || "none named"}`,
    `Impact since ${incident.impactStartedAt}, detected ${incident.detectedAt}. For ${LEVEL_NAMES[packet.toLevel]}.`,
    "",
    "### Note from the previous level",
    packet.note || "_(none)_",
    "",
    "### Current hypothesis",
    packet.hypothesis ?? "_None stated._",
    "",
    "### Checks run",
    bullet(packet.checks.map((check) => `${check.verdict.toUpperCase()} ${check.check}: ${check.summary} (${check.at})`), "No diagnosis checks recorded."),
    "",
    "### Guided diagnosis runs",
    (packet.runs ?? []).length
      ? (packet.runs ?? [])
          .map((run) =>
            [
              `- **${run.title}** (${run.state}, started by ${run.startedBy})`,
              ...run.steps.map(
                (step) =>
                  `  - ${step.verdict.toUpperCase()} ${step.title}${step.attempt > 1 ? ` (attempt ${step.attempt})` : ""}: ${step.summary} (${step.by}, ${step.at})${step.offPath ? ` — off the suggested path: ${step.offPath}` : ""}${step.branch ? ` → ${step.branch}` : ""}`,
              ),
              run.pending ? `  - **Next: ${run.pending.title}** — ${run.pending.reason}` : "  - Finished.",
            ].join("\n"),
          )
          .join("\n")
      : "- No guided diagnosis run.",
    "",
    "### What was found",
    bullet(packet.findings.map((finding) => `${finding.text.replace(/\n+/g, " ")} (${finding.author}, ${finding.at})`), "No notes yet."),
    "",
    "### Operations done",
    bullet(packet.operations.map((operation) => `${operation.text} (${operation.author}, ${operation.at})`), "None."),
    "",
    "### Open questions",
    bullet(packet.openQuestions, "None listed."),
    "",
    `Incident: ${packet.link}`,
  ].join("\n");
}
