import { z } from "zod";
import { databaseSize } from "@/lib/connectors/postgresql/database-size";
import { connectorFailure, defineCheck } from "../define-check";
import { urlOf } from "./target";

/** `SELECT pg_size_pretty(pg_database_size('db'))`: how big the pipeline's database is. */
export const databaseSizeCheck = defineCheck({
  id: "postgresql.database-size",
  system: "postgresql",
  title: "PostgreSQL database size",
  runbook: {
    procedure: "postgresql-issues",
    purpose: "Check database size",
    command: "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT pg_size_pretty(pg_database_size('db'))\"",
  },
  params: z.object({ database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/, { message: "must be a database name such as db" }).default("db") }),
  lab: true,
  async run(context, params) {
    const url = urlOf(context);
    if (typeof url !== "string") return url;
    const result = await databaseSize(url, params.database, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return { verdict: "ok", summary: `${result.value.database} is ${result.value.pretty}`, data: result.value };
  },
});
