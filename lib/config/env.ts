import { z } from "zod";

/**
 * Every environment variable the console reads, checked once. A bad value stops start-up
 * with the variable's name and an example of a good value (see `formatEnvErrors`).
 */
const roles = ["viewer", "l1", "l2", "l3", "admin"] as const;

const optionalUrl = (example: string) =>
  z
    .string()
    .url({ message: `must be a URL, for example ${example}` })
    .optional();

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce
      .number({ message: "must be a port number, for example 3000" })
      .int()
      .min(1, { message: "must be a port number between 1 and 65535, for example 3000" })
      .max(65535, { message: "must be a port number between 1 and 65535, for example 3000" })
      .default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, {
        message: "must be a PostgreSQL URL, for example postgresql://console:secret@db.internal:5432/console",
      })
      .optional(),
    // The table owner, for migrations only; then DATABASE_URL names a role that owns nothing
    // (lib/db/console-role.ts), so the console cannot truncate the audit log or drop its trigger.
    DATABASE_MIGRATION_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, {
        message: "must be a PostgreSQL URL of the tables' owner, for example postgresql://console_owner:secret@db.internal:5432/console",
      })
      .optional(),
    DATABASE_POOL_SIZE: z.coerce
      .number({ message: "must be a whole number, for example 10" })
      .int()
      .min(1)
      .max(200)
      .default(10),
    DATA_DIR: z.string().min(1).default(".data"),
    NEXTAUTH_URL: optionalUrl("http://localhost:3000"),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, { message: "must be at least 32 characters, for example the output of `openssl rand -base64 32`" })
      .optional(),
    OIDC_ISSUER: optionalUrl("https://sso.example.com/realms/254carbon"),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("SSO"),
    OIDC_DEFAULT_ROLE: z.enum(roles, { message: `must be one of ${roles.join(", ")}, for example viewer` }).default("viewer"),
    // How many proxies in front of the console append to X-Forwarded-For (counted from the
    // right). 0: the client address is the socket's peer and the header is ignored.
    TRUST_PROXY_HOPS: z.coerce
      .number({ message: "must be the number of proxies in front of the console, for example 1 behind one load balancer" })
      .int({ message: "must be a whole number, for example 1 behind one load balancer" })
      .min(0, { message: "must be 0 or more, for example 1 behind one load balancer" })
      .max(10, { message: "must be at most 10, for example 1 behind one load balancer" })
      .default(0),
    // Replaced by TRUST_PROXY_HOPS; kept only to stop start-up with a message saying so.
    TRUST_PROXY: z.string().optional(),
    // Set by the launcher before the first account exists (scripts/start.ts prints it); /setup
    // asks for it, so reaching the console first is not enough to become its administrator.
    CONSOLE_SETUP_TOKEN: z.string().min(16, { message: "must be at least 16 characters, for example the output of `openssl rand -hex 16`" }).optional(),
    CONSOLE_DEMO: z
      .enum(["true", "false"], { message: "must be true or false, for example true for a lab demo" })
      .default("false")
      .transform((value) => value === "true"),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_MIGRATION_URL"],
        message: "needs DATABASE_URL too (the console's own, non-owner role), for example DATABASE_URL=postgresql://console_app:secret@db.internal:5432/console",
      });
    }
    if (env.TRUST_PROXY !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["TRUST_PROXY"],
        message:
          "is replaced by TRUST_PROXY_HOPS, the number of proxies in front of the console: remove TRUST_PROXY and set, for example, TRUST_PROXY_HOPS=1 behind one load balancer (0, the default, when clients connect directly)",
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "must be set together with the other OIDC_* variables, for example OIDC_CLIENT_ID=incident-console",
          });
        }
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export type EnvResult = { ok: true; env: Env } | { ok: false; errors: string[] };

/** Parses an environment (defaults to `process.env`); never throws. */
export function parseEnv(source: Record<string, string | undefined> = process.env): EnvResult {
  // Empty strings count as unset: `FOO= npm start` should not be an invalid FOO.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, errors: formatEnvErrors(result.error) };
}

export function formatEnvErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`);
}

let cached: Env | undefined;

/** The validated environment; throws once with every problem listed if it is invalid. */
export function env(): Env {
  if (cached) return cached;
  const result = parseEnv();
  if (!result.ok) {
    throw new Error(`Invalid configuration:\n  - ${result.errors.join("\n  - ")}`);
  }
  cached = result.env;
  return cached;
}
