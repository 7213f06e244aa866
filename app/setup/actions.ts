"use server";

import { z } from "zod";
import { publicAction } from "@/lib/server/public-action";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";

const setupInput = z.object({
  email: z.string(),
  name: z.string().optional(),
  password: z.string(),
});

export const setupAction = publicAction({ name: "setup.first-admin", input: setupInput }, async ({ db, input }) => {
  const user = await setupFirstAdmin({ db, input });
  return { email: user.email };
});
