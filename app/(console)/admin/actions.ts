"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { createApiKey, newApiKeyInput } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { createUser, newUserInput } from "@/lib/users/create-user";

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
