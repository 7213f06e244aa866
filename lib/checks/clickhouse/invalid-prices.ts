import { z } from "zod";
import { invalidPrices } from "@/lib/connectors/clickhouse/market-ticks";
import { connectorFailure, defineCheck } from "../define-check";
import { TABLE, targetOf } from "./target";

/** `SELECT * FROM market_ticks WHERE price <= 0 LIMIT 10`: ticks that passed validation with an impossible price. */
export const invalidPricesCheck = defineCheck({
  id: "clickhouse.invalid-prices",
  system: "clickhouse",
  title: "Ticks with a price of zero or less",
  runbook: {
    procedure: "data-quality-issues",
    purpose: "Check data validation",
    command: 'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT * FROM market_ticks WHERE price <= 0 LIMIT 10"',
  },
  params: z.object({
    table: z.string().regex(TABLE, { message: "must be a table name such as market_ticks" }).default("market_ticks"),
    limit: z.number().int().min(1).max(100).default(10),
  }),
  lab: true,
  async run(context, params) {
    const target = targetOf(context);
    if ("verdict" in target) return target;
    const result = await invalidPrices(target, params.table, params.limit, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const rows = result.value;
    const data = { table: params.table, rows, limited: rows.length >= params.limit };
    if (rows.length === 0) return { verdict: "ok", summary: `no rows with price <= 0 in ${params.table}`, data };
    const symbols = [...new Set(rows.map((row) => String(row.symbol ?? "?")))].slice(0, 5);
    const count = data.limited ? `at least ${rows.length}` : String(rows.length);
    return {
      // A full page of bad rows is not a stray tick: the validation lets bad data through.
      verdict: data.limited ? "fail" : "warn",
      summary: `${count} rows with price <= 0 in ${params.table} (${symbols.join(", ")})`,
      data,
    };
  },
});
