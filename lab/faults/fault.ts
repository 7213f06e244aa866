/**
 * A fault: one runbook procedure made true in the lab. `inject` produces the symptom the
 * runbook's diagnosis commands look for; `heal` applies the runbook's resolution (or the
 * equivalent) so the symptom goes away.
 */
import { setFault } from "../core/fault-state.ts";

export interface Fault {
  name: string;
  /** the runbook section whose diagnosis finds it */
  runbook: string;
  /** what is broken, in one sentence */
  description: string;
  inject(): Promise<void>;
  heal(): Promise<void>;
}

/** A fault the pipeline services act out themselves, switched by `.lab/faults.json`. */
export function flagFault(name: string, runbook: string, description: string, extra: { afterHeal?: () => Promise<void> } = {}): Fault {
  return {
    name,
    runbook,
    description,
    inject: async () => setFault(name, true),
    heal: async () => {
      setFault(name, false);
      await extra.afterHeal?.();
    },
  };
}
