import { z } from "zod";
import { listTables } from "@/lib/connectors/clickhouse/tables";
import { connectorFailure, defineCheck } from "../define-check";
import { DATABASE, formatCount, targetOf } from "./target";

/**
 * `SELECT * FROM system.tables WHERE database = 'default'`, with rows and bytes per table
 * from system.parts. Tables the catalog's services write to (services[].clickhouse.tables)
 * that are missing make it fail; empty ones warn.
 */
export const tablesCheck = defineCheck({
  id: "clickhouse.tables",
  system: "clickhouse",
  title: "ClickHouse tables and their sizes",
  runbook: {
    procedure: "clickhouse-issues",
    purpose: "Check table status",
    command: "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.tables WHERE database = 'default'\"",
  },
  params: z.object({ database: z.string().regex(DATABASE, { message: "must be a database name such as default" }).default("default") }),
  lab: true,
  async run(context, params) {
    const target = targetOf(context);
    if ("verdict" in target) return target;
    const result = await listTables(target, params.database, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const tables = result.value;
    // Tables the pipeline writes to, in this database.
    const expected = [
      ...new Set(
        context.catalog.services
          .flatMap((service) => service.clickhouse?.tables ?? [])
          .map((name) => (name.includes(".") ? name.split(".") : [target.database, name]))
          .filter(([database]) => database === params.database)
          .map(([, name]) => name!),
      ),
    ];
    const missing = expected.filter((name) => !tables.some((table) => table.name === name));
    const empty = expected.filter((name) => tables.some((table) => table.name === name && table.rows === 0 && /MergeTree/.test(table.engine)));
    const data = { database: params.database, tables, expected, missing };
    const largest = tables
      .slice(0, 3)
      .map((table) => `${table.name} ${formatCount(table.rows)} rows`)
      .join(", ");
    const head = `${tables.length} ${tables.length === 1 ? "table" : "tables"} in ${params.database}${largest ? ` (${largest})` : ""}`;
    if (missing.length) return { verdict: "fail", summary: `missing: ${missing.join(", ")}; ${head}`, data };
    if (empty.length) return { verdict: "warn", summary: `empty: ${empty.join(", ")}; ${head}`, data };
    return { verdict: "ok", summary: head, data };
  },
});
