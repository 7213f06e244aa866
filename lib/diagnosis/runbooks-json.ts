import { PROCEDURE_CATALOGUE, stepCommand } from "./catalogue";

/** GET /api/v1/runbooks: every procedure with its steps (pure; the definitions are the source). */
export function runbooksJson() {
  return {
    procedures: PROCEDURE_CATALOGUE.map((procedure) => ({
      id: procedure.id,
      title: procedure.title,
      section: procedure.section,
      kind: procedure.kind,
      version: procedure.version,
      level: procedure.level,
      symptoms: procedure.symptoms,
      resolution: procedure.resolution,
      steps: procedure.steps.map((step) => {
        const command = stepCommand(step);
        return { id: step.id, kind: step.kind, title: step.title, ...(command ? { command } : {}) };
      }),
    })),
  };
}
