import { z } from "zod";
import { activeApiKeys } from "@/lib/connectors/postgresql/api-keys";
import { connectorFailure, defineCheck } from "../define-check";
import { urlOf } from "./target";

/**
 * `SELECT * FROM api_keys WHERE is_active = true`, never with key hashes: the active keys,
 * their owners and expiry. Active keys past their expiry warn (clients using them get 401s);
 * no active key at all fails.
 */
export const activeApiKeysCheck = defineCheck({
  id: "postgresql.active-api-keys",
  system: "postgresql",
  title: "Active API keys",
  runbook: {
    procedure: "authentication-failures",
    purpose: "Check API key status",
    command: 'kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c "SELECT * FROM api_keys WHERE is_active = true"',
  },
  params: z.object({}),
  lab: true,
  async run(context) {
    const url = urlOf(context);
    if (typeof url !== "string") return url;
    const result = await activeApiKeys(url, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const { keys, truncated } = result.value;
    const count = `${truncated ? "more than " : ""}${keys.length} active API ${keys.length === 1 ? "key" : "keys"}`;
    const expired = keys.filter((key) => key.expired);
    if (keys.length === 0) return { verdict: "fail", summary: "no active API keys: every client is refused", data: result.value };
    if (expired.length) {
      const owners = expired.map((key) => String(key.owner ?? key.name ?? `#${key.id}`)).slice(0, 5);
      return { verdict: "warn", summary: `${count}, ${expired.length} of them expired (${owners.join(", ")})`, data: result.value };
    }
    return { verdict: "ok", summary: `${count}, none expired`, data: result.value };
  },
});
