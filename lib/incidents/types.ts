import type { IncidentStatus, Level } from "./lifecycle";
import type { Severity } from "./severity";

/** Plain shapes the pure parts (packet, postmortem, metrics) and the API work with. */
export type TimelineKind =
  | "declared"
  | "note"
  | "status"
  | "escalation"
  | "acknowledgement"
  | "auto_escalation"
  | "operation"
  | "evidence"
  | "checklist"
  | "notification";

export const TIMELINE_KINDS: TimelineKind[] = [
  "declared",
  "note",
  "status",
  "escalation",
  "acknowledgement",
  "auto_escalation",
  "operation",
  "evidence",
  "checklist",
  "notification",
];

export interface TimelineEntry {
  id: string;
  kind: TimelineKind;
  at: string;
  author: string;
  body: string | null;
  data: Record<string, unknown> | null;
  editedAt: string | null;
  /** Earlier versions of an edited note, oldest first. */
  revisions?: { body: string; editedBy: string; replacedAt: string }[];
}

export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  level: Level;
  services: string[];
  emergency: string | null;
  owner: string | null;
  declaredBy: string;
  impactStartedAt: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

/** Evidence as checks and wizards write it (data of an "evidence" entry). */
export interface EvidenceData {
  /** the check id ("kafka.consumer-group-describe"), or "question" / "verify" for those diagnosis steps */
  check: string;
  /** a check's verdict, or "answered" for a question a responder answered */
  verdict: "ok" | "warn" | "fail" | "error" | "skipped" | "answered";
  summary: string;
  /** the runbook command this evidence replaces */
  command?: string;
  params?: Record<string, unknown>;
  /** what the figures cover: the check's start and end (ISO) */
  window?: { from: string; to: string };
  /** the guided-diagnosis run and step that produced it (lib/diagnosis) */
  run?: { id: string; procedure: string; step: string; stepTitle: string; attempt: number };
}

export function incidentRef(number: number): string {
  return `INC-${number}`;
}
