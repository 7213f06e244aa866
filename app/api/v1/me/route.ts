import { apiRoute } from "@/lib/server/api-route";
import { PERMISSIONS, can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

/** Who the caller is: useful to check an API key. */
export const GET = apiRoute({ name: "v1.me", permission: "console:read" }, async ({ actor }) => ({
  kind: actor.kind,
  name: actor.kind === "user" ? actor.email : actor.kind === "api-key" ? actor.name : "system",
  role: actor.role,
  permissions: PERMISSIONS.filter((permission) => can(actor.role, permission)),
}));
