import "server-only";
import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when an account does not exist, so a wrong email and a wrong password
// take the same time and answer the same way.
let decoy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  decoy ??= hash("decoy-password-for-unknown-accounts");
  await verifyPassword(await decoy, password);
}

export const PASSWORD_RULES = "at least 12 characters";

export function passwordProblem(password: string): string | null {
  if (password.length < 12) return `Password must be ${PASSWORD_RULES}.`;
  if (password.length > 256) return "Password must be at most 256 characters.";
  return null;
}
