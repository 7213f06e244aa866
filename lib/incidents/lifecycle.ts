import type { Role } from "@/lib/auth/roles";

/** Incident status, level and the rules between them. Pure. */
export const STATUSES = ["investigating", "identified", "mitigated", "resolved"] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const STATUS_MEANINGS: Record<IncidentStatus, string> = {
  investigating: "Impact confirmed, cause unknown",
  identified: "Cause found, working on a fix",
  mitigated: "Impact stopped, not yet fully fixed",
  resolved: "Fixed and verified",
};

export const LEVELS = ["L1", "L2", "L3"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = {
  L1: "L1 · On-call engineer",
  L2: "L2 · Senior engineer",
  L3: "L3 · Principal engineer",
};

/** Forward moves only (skipping is fine); the one way back is reopening a resolved incident. */
export function canChangeStatus(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === to) return false;
  if (from === "resolved") return to === "investigating";
  return STATUSES.indexOf(to) > STATUSES.indexOf(from);
}

export function nextLevel(level: Level): Level | null {
  return level === "L1" ? "L2" : level === "L2" ? "L3" : null;
}

/** The level a person answers for: acknowledgement is personal to that level. */
export function levelOfRole(role: Role): Level | null {
  return role === "l1" ? "L1" : role === "l2" ? "L2" : role === "l3" ? "L3" : null;
}

export const EMERGENCY_KINDS = ["service-outage", "data-loss", "security-breach"] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** The runbook gives data loss incidents and security breaches to L3. */
export function startingLevel(emergency: EmergencyKind | null): Level {
  return emergency === "data-loss" || emergency === "security-breach" ? "L3" : "L1";
}
