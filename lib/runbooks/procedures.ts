import { PROCEDURE_CATALOGUE } from "@/lib/diagnosis/catalogue";

/**
 * The runbook (runbook-common-issues.md, "Common Issues Runbook for 254Carbon Data Processing
 * Pipeline") as the runbook pages, the palette and docs/checks.md read it: a view of the
 * guided-diagnosis definitions in lib/diagnosis/procedures/, which are the one source (each
 * procedure's symptoms, the diagnosis commands its check steps replace, its resolution).
 */
export interface RunbookCommand {
  /** The comment above the command in the runbook, e.g. "Check pod events". */
  purpose: string;
  /** The command exactly as the runbook gives it. */
  command: string;
}

export interface RunbookProcedure {
  id: string;
  section: string;
  title: string;
  /** the escalation level the runbook gives this work to */
  level: "L1" | "L2" | "L3";
  symptoms: string[];
  diagnosis: RunbookCommand[];
  resolution: string[];
}

export interface EmergencyProcedure {
  id: string;
  title: string;
  level: "L1" | "L2" | "L3";
  immediateActions: string[];
  recoverySteps: string[];
}

export const PROCEDURES: RunbookProcedure[] = PROCEDURE_CATALOGUE.filter((procedure) => procedure.kind === "procedure").map((procedure) => ({
  id: procedure.id,
  section: procedure.section,
  title: procedure.title,
  level: procedure.level,
  symptoms: procedure.symptoms,
  diagnosis: procedure.steps.flatMap((step) => (step.kind === "check" && step.inRunbook ? [{ purpose: step.title, command: step.command }] : [])),
  resolution: procedure.resolution,
}));

export const EMERGENCIES: EmergencyProcedure[] = PROCEDURE_CATALOGUE.filter((procedure) => procedure.kind === "emergency").map((procedure) => ({
  id: procedure.id,
  title: procedure.title,
  level: procedure.level,
  immediateActions: procedure.immediateActions ?? [],
  recoverySteps: procedure.recoverySteps ?? [],
}));

/** Every procedure's and emergency's title by id: what a panel's suggested-procedure link says. */
export const PROCEDURE_TITLES: Record<string, string> = Object.fromEntries([...PROCEDURES, ...EMERGENCIES].map((procedure) => [procedure.id, procedure.title]));
