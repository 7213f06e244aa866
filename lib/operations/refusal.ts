import { can, lowestRoleWith, type Role } from "@/lib/auth/roles";
import { OPERATION_KINDS, OPERATION_PERMISSIONS, type OperationKind } from "./types";

/** Why a role cannot do an operation here — too low a level, or not possible on this console (no helm) — or null. Pure. */
export function refusal(kind: OperationKind, role: Role, unavailable: Partial<Record<OperationKind, string>>): string | null {
  const permission = OPERATION_PERMISSIONS[kind];
  if (!can(role, permission)) return `needs the ${lowestRoleWith(permission).toUpperCase()} role or above (you are ${role.toUpperCase()})`;
  return unavailable[kind] ?? null;
}

/** Every operation a role cannot do, with the reason (what the wizard shows disabled). */
export function refusals(role: Role, unavailable: Partial<Record<OperationKind, string>>): Partial<Record<OperationKind, string>> {
  return Object.fromEntries(OPERATION_KINDS.flatMap((kind) => {
    const why = refusal(kind, role, unavailable);
    return why ? [[kind, why]] : [];
  }));
}
