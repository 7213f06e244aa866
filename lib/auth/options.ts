import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/errors";
import { clientAddress } from "./client-address";
import { isRole, type Role } from "./roles";
import { signInWithPassword } from "./sign-in";
import { ssoSignIn, type SsoProfile } from "./sso-sign-in";

/** Error codes the sign-in page turns into words (next-auth passes them through as `error`). */
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  throttled: "Throttled",
  unavailable: "DatabaseUnavailable",
} as const;

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string | null; role: Role };
  }
}

/** Set from the socket by the launcher's preload (scripts/peer-address.mjs); clients cannot forge it. */
const PEER_ADDRESS_HEADER = "x-console-peer-address";

function headerValue(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

function oidcProvider(): NextAuthOptions["providers"] {
  const config = env();
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: config.OIDC_NAME,
      type: "oauth",
      wellKnown: `${config.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; email_verified?: boolean | string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? null, emailVerified: isVerified(profile.email_verified) };
      },
    },
  ];
}

/** Some providers send the claim as the string "true". */
function isVerified(claim: boolean | string | undefined): boolean {
  return claim === true || claim === "true";
}

export function ssoProviderName(): string | null {
  const config = env();
  return config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET ? config.OIDC_NAME : null;
}

export const authOptions: NextAuthOptions = {
  // JWT sessions: credentials sign-in requires them. The token only names the user; every
  // server request loads the user again (lib/auth/current-actor.ts), so a disabled account
  // or a changed role takes effect at once.
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        try {
          const result = await signInWithPassword({
            db: getDb(),
            email: credentials.email,
            password: credentials.password,
            address: clientAddress({
              peer: headerValue(req?.headers, PEER_ADDRESS_HEADER),
              forwardedFor: headerValue(req?.headers, "x-forwarded-for"),
              trustedHops: env().TRUST_PROXY_HOPS,
            }),
          });
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
          if (result.reason === "throttled") throw new Error(SIGN_IN_ERRORS.throttled);
          return null;
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw new Error(SIGN_IN_ERRORS.unavailable);
          throw error;
        }
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      return ssoSignIn(getDb(), user as SsoProfile, env().OIDC_DEFAULT_ROLE);
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        const role = (user as { role?: unknown }).role;
        if (isRole(role)) token.role = role;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: String(token.uid ?? ""),
        email: String(token.email ?? ""),
        name: (token.name as string | null | undefined) ?? null,
        role: isRole(token.role) ? token.role : "viewer",
      };
      return session;
    },
  },
};
