"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { env } from "@/lib/config/env";
import { publicAction } from "@/lib/server/public-action";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";

const setupInput = z.object({
  setupToken: z.string().max(200),
  email: z.string(),
  name: z.string().optional(),
  password: z.string(),
});

export const setupAction = publicAction({ name: "setup.first-admin", input: setupInput }, async ({ db, input }) => {
  const requestHeaders = await headers();
  const address = clientAddress({
    peer: requestHeaders.get("x-console-peer-address"),
    forwardedFor: requestHeaders.get("x-forwarded-for"),
    trustedHops: env().TRUST_PROXY_HOPS,
  });
  const { setupToken, ...account } = input;
  const user = await setupFirstAdmin({ db, input: account, setupToken, expectedToken: env().CONSOLE_SETUP_TOKEN, address });
  return { email: user.email };
});
