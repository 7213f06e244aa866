import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, passwordProblem } from "@/lib/auth/passwords";
import { ROLES, type Role } from "@/lib/auth/roles";

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().email({ message: "Enter an email address, for example jane@254carbon.com" }),
  name: z.string().trim().max(120).optional().transform((name) => name || null),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` }),
  password: z.string().superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
});
export type NewUserInput = z.input<typeof newUserInput>;

export interface CreatedUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** Creates a local account. Email addresses are unique, compared in lower case. */
export async function createUser(options: { db: Db; actor: Actor; input: NewUserInput }): Promise<CreatedUser> {
  const { db, actor } = options;
  const input = validate(newUserInput, options.input, "Invalid user");
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("conflict", `A user with the email ${input.email} already exists.`, {
      fieldErrors: { email: ["Already in use"] },
    });
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    // The audit row is written in the same transaction: a user never exists without it.
    const created = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAudit(tx, {
      actor,
      action: "user.create",
      outcome: "ok",
      targetType: "user",
      targetId: created.id,
      after: { email: created.email, name: created.name, role: created.role },
    });
    return created;
  });
  return user;
}
