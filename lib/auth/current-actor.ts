import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { Actor } from "./actor";
import { authOptions } from "./options";

/**
 * The signed-in person for this request, loaded from the database (not trusted from the
 * session token), or null. Cached per request. Throws when the database is unreachable:
 * callers show that as a banner, not as "signed out".
 */
export const currentUser = cache(async (): Promise<Extract<Actor, { kind: "user" }> | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getDb().user.findUnique({ where: { id } });
  if (!user || user.disabledAt) return null;
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For API routes: a Bearer API key if one is sent, otherwise the session. */
export async function currentApiActor(): Promise<Actor | null> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    return match ? authenticateApiKey(getDb(), match[1]!) : null;
  }
  return currentUser();
}
