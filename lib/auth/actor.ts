import type { Role } from "./roles";

/** Who is acting: a signed-in person, a script with an API key, or the console itself. */
export type Actor =
  | { kind: "user"; id: string; email: string; name: string | null; role: Role }
  | { kind: "api-key"; id: string; name: string; role: Role }
  | { kind: "system"; role: "admin" };

export const SYSTEM_ACTOR: Actor = { kind: "system", role: "admin" };
