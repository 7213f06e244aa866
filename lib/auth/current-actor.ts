import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { DB_TIMEOUTS, getDb } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { Actor } from "./actor";
import { authOptions } from "./options";

/**
 * The signed-in person for this request, loaded from the database (not trusted from the
 * session token), or null. Cached per request. Throws when the database is unreachable —
 * or silent for as long as the pool waits for a connection (a partition would otherwise hold
 * every page for the statement timeout): callers show that as a banner, not as "signed out".
 */
export const currentUser = cache(async (): Promise<Extract<Actor, { kind: "user" }> | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await answeredWithin(getDb().user.findUnique({ where: { id } }), DB_TIMEOUTS.connectMs);
  if (!user || user.disabledAt) {
    refusedAccounts.add(id);
    return null;
  }
  refusedAccounts.delete(id);
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role };
});

/** The read's answer, or a timeout that reads as the database being unreachable (lib/errors.ts). */
async function answeredWithin<T>(read: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`the console's database did not answer within ${ms} ms`), { code: "ETIMEDOUT" })), ms);
  });
  try {
    return await Promise.race([read, silent]);
  } finally {
    clearTimeout(timer);
  }
}

/** Accounts this process found disabled or removed: not let in on their token alone while the database is down. */
const refusedAccounts = new Set<string>();

/**
 * While the console's own database is unreachable: the person the session token names, as
 * a viewer, for what needs no database (the live health of the systems) — so an outage that
 * takes the console's database with it does not blind the responders. The token is signed,
 * so who it names is authentic; what cannot be checked without the database is that the
 * account is still enabled and its role now, hence read-only whatever the role was, and
 * refused for an account this process has found disabled. Null without a session.
 */
export async function sessionViewerWhileDatabaseDown(): Promise<Extract<Actor, { kind: "user" }> | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  if (!user?.id || refusedAccounts.has(user.id)) return null;
  return { kind: "user", id: user.id, email: user.email ?? "", name: user.name ?? null, role: "viewer" };
}

/** For API routes: a Bearer API key if one is sent, otherwise the session. */
export async function currentApiActor(): Promise<Actor | null> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    return match ? authenticateApiKey(getDb(), match[1]!) : null;
  }
  return currentUser();
}
