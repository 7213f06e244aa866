import "server-only";
import type { Role } from "@/lib/auth/roles";
import type { Catalog } from "@/lib/config/catalog";
import type { OperationStep, Step } from "@/lib/diagnosis/definition";
import { actOptions } from "./availability";
import { refusals } from "./refusal";
import { aimTarget, resolveTarget } from "./targets";
import { OPERATION_TITLES, type OperationKind } from "./types";

/** What the wizard shows of an operation step for one viewer, decided on the server. */
export interface OperationStepGate {
  kind: OperationKind;
  title: string;
  /** the catalog target it acts on, aimed at the run's service */
  target: string;
  /** what the responder will type to confirm */
  confirmName: string | null;
}

/**
 * A run's operation steps as a viewer may use them: each step's target aimed at the service
 * it acts on (`serviceFor`: the run's, else the one its symptom names), and every operation
 * the viewer may not do with the reason (too low a level, or no helm on this console), so
 * the wizard shows them disabled without deciding itself.
 */
export function operationGates(steps: readonly Step[], serviceFor: (step: OperationStep) => string | null, role: Role, catalog: Catalog, env: Record<string, string | undefined> = process.env): { gates: Record<string, OperationStepGate>; refusals: Partial<Record<OperationKind, string>> } {
  const gates: Record<string, OperationStepGate> = {};
  for (const step of steps) {
    if (step.kind !== "operation") continue;
    const target = aimTarget(catalog, step.target, serviceFor(step));
    gates[step.id] = { kind: step.operation, title: OPERATION_TITLES[step.operation], target, confirmName: resolveTarget(catalog, target)?.confirmName ?? null };
  }
  return { gates, refusals: refusals(role, actOptions(catalog, env).unavailable) };
}
