import { z } from "zod";
import { countRows } from "@/lib/connectors/clickhouse/market-ticks";
import { connectorFailure, defineCheck } from "../define-check";
import { formatCount, TABLE, targetOf } from "./target";

/** `clickhouse-client --query "SELECT count() FROM market_ticks"`: is data arriving in the output table at all. */
export const countRowsCheck = defineCheck({
  id: "clickhouse.count-rows",
  system: "clickhouse",
  title: "Rows in a ClickHouse table",
  runbook: {
    procedure: "data-not-processing",
    purpose: "Check ClickHouse tables",
    command: 'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT count() FROM market_ticks"',
  },
  params: z.object({ table: z.string().regex(TABLE, { message: "must be a table name such as market_ticks" }).default("market_ticks") }),
  lab: true,
  async run(context, params) {
    const target = targetOf(context);
    if ("verdict" in target) return target;
    const result = await countRows(target, params.table, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const rows = result.value;
    if (rows === 0) return { verdict: "fail", summary: `no data: ${params.table} has 0 rows`, data: { table: params.table, rows } };
    return { verdict: "ok", summary: `${params.table} has ${formatCount(rows)} rows`, data: { table: params.table, rows } };
  },
});
