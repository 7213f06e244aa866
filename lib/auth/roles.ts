/**
 * Roles follow the runbook's escalation levels. Pure data and functions: safe to import
 * from client components (to hide what a role cannot do) — the server still checks.
 */
export const ROLES = ["viewer", "l1", "l2", "l3", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  l1: "L1 · On-call engineer",
  l2: "L2 · Senior engineer",
  l3: "L3 · Principal engineer",
  admin: "Administrator",
};

/** What each level is for, in the runbook's words (Escalation Procedures). */
export const ROLE_RESPONSIBILITIES: Record<Role, string[]> = {
  viewer: ["Read health, incidents and runbooks"],
  l1: ["Basic troubleshooting", "Service restarts", "Configuration changes", "Initial diagnosis"],
  l2: ["Complex troubleshooting", "Performance optimization", "Security issues", "Architecture changes"],
  l3: ["Critical system failures", "Data loss incidents", "Security breaches", "Architecture decisions"],
  admin: ["Manage users, API keys and the audit log"],
};

export const PERMISSIONS = [
  "console:read",
  "incident:write",
  "diagnosis:run",
  /** rollout restart, delete a pod, restart Prometheus/Grafana/Jaeger */
  "operation:restart",
  /** scale a Deployment/StatefulSet */
  "operation:scale",
  /** set an image, roll a Deployment back to its previous ReplicaSet (configuration changes) */
  "operation:deploy",
  /** roll a Helm release back to a revision (releases and anything touching data) */
  "operation:rollback",
  "admin:users",
  "admin:api-keys",
  "admin:audit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const responder: Permission[] = ["console:read", "incident:write", "diagnosis:run"];

/**
 * The permission matrix, by the runbook's levels for operations: L1 restarts and deletes
 * pods ("Service restarts"); L2 scales, sets images and changes configuration (capacity
 * and the deployed version of one workload); L3 rolls back Helm releases (every workload
 * of the release at once) and anything touching data. An administrator manages the
 * console and may do everything a principal engineer may.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ["console:read"],
  l1: [...responder, "operation:restart"],
  l2: [...responder, "operation:restart", "operation:scale", "operation:deploy"],
  l3: [...responder, "operation:restart", "operation:scale", "operation:deploy", "operation:rollback"],
  admin: PERMISSIONS,
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The role a permission needs at the least, for messages such as "needs the L2 role". */
export function lowestRoleWith(permission: Permission): Role {
  return ROLES.find((role) => can(role, permission)) ?? "admin";
}
