"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { createApiKey, newApiKeyInput } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ROLES } from "@/lib/auth/roles";
import { changeUserRole } from "@/lib/users/change-role";
import { createUser, newUserInput } from "@/lib/users/create-user";
import { setUserDisabled } from "@/lib/users/disable-user";
import { resetPassword } from "@/lib/users/reset-password";

export const createUserAction = action(
  { name: "user.create", permission: "admin:users", input: newUserInput },
  async ({ actor, db, input }) => {
    const user = await createUser({ db, actor, input: { ...input, name: input.name ?? undefined } });
    revalidatePath("/admin");
    return user;
  },
);

export const createApiKeyAction = action(
  { name: "api-key.create", permission: "admin:api-keys", input: newApiKeyInput },
  async ({ actor, db, input }) => {
    const created = await createApiKey({ db, actor, input });
    revalidatePath("/admin");
    return { key: created.key, name: created.name };
  },
);

export const revokeApiKeyAction = action(
  { name: "api-key.revoke", permission: "admin:api-keys", input: z.object({ id: z.string().min(1) }) },
  async ({ actor, db, input }) => {
    await revokeApiKey({ db, actor, id: input.id });
    revalidatePath("/admin");
    return { id: input.id };
  },
);

const userRef = z.object({ email: z.string().trim().min(1).max(254) });

export const setUserDisabledAction = action(
  { name: "user.disable", permission: "admin:users", input: userRef.extend({ disabled: z.boolean() }) },
  async ({ actor, db, input }) => {
    const result = await setUserDisabled({ db, actor, email: input.email, disabled: input.disabled });
    revalidatePath("/admin");
    return result;
  },
);

export const changeUserRoleAction = action(
  { name: "user.change-role", permission: "admin:users", input: userRef.extend({ role: z.enum(ROLES) }) },
  async ({ actor, db, input }) => {
    const result = await changeUserRole({ db, actor, email: input.email, role: input.role });
    revalidatePath("/admin");
    return result;
  },
);

/** Generates a new password and returns it once, for the administrator to hand over. */
export const resetPasswordAction = action({ name: "user.reset-password", permission: "admin:users", input: userRef }, async ({ actor, db, input }) => {
  const result = await resetPassword({ db, actor, email: input.email });
  return { email: result.email, password: result.password };
});
