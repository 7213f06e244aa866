import { z } from "zod";
import { queryLog, recentExceptions } from "@/lib/connectors/clickhouse/query-log";
import { connectorFailure, defineCheck } from "../define-check";
import { targetOf } from "./target";

/**
 * `SELECT * FROM system.query_log WHERE event_date = today() ORDER BY event_time DESC LIMIT 10`:
 * the latest queries, and whether queries failed recently (the console's own left out).
 */
export const queryLogCheck = defineCheck({
  id: "clickhouse.query-log",
  system: "clickhouse",
  title: "ClickHouse query log",
  runbook: {
    procedure: "clickhouse-issues",
    purpose: "Check query log",
    command:
      'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT * FROM system.query_log WHERE event_date = today() ORDER BY event_time DESC LIMIT 10"',
  },
  params: z.object({
    limit: z.number().int().min(1).max(100).default(10),
    /** how far back failed queries count */
    minutes: z.number().int().min(1).max(1440).default(15),
  }),
  lab: true,
  async run(context, params) {
    const target = targetOf(context);
    if ("verdict" in target) return target;
    const [latest, failed] = await Promise.all([queryLog(target, "newest", params.limit, context.deadlineMs), recentExceptions(target, params.minutes, context.deadlineMs)]);
    if (!latest.ok || !failed.ok) {
      const error = !latest.ok ? latest.error : !failed.ok ? failed.error : null;
      if (error?.kind === "not_found") return { verdict: "skipped", summary: "system.query_log does not exist (query logging is off, or nothing was flushed yet)", data: null, error };
      return connectorFailure(error!);
    }
    const queries = latest.value;
    const data = { queries, failedRecently: failed.value.count, latestException: failed.value.latest, minutes: params.minutes };
    const newest = queries[0] ? `latest at ${queries[0].eventTime}` : "no queries logged today";
    if (failed.value.count > 0) {
      const example = failed.value.latest ? shortException(failed.value.latest) : "";
      const plural = failed.value.count === 1 ? "query" : "queries";
      return { verdict: "warn", summary: `${failed.value.count} failed ${plural} in the last ${params.minutes} min${example ? ` (latest: ${example})` : ""}; ${newest}`, data };
    }
    return { verdict: "ok", summary: `no failed queries in the last ${params.minutes} min; ${newest}`, data };
  },
});

/** "Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist., e.what() = …" → "Table default.x doesn't exist (code 60)" */
function shortException(text: string): string {
  const code = /Code: (\d+)/.exec(text)?.[1];
  const message = (/DB::Exception: (.*?)(?:, e\.what\(\) = .*)?$/s.exec(text)?.[1] ?? text).trim().replace(/\.$/, "");
  return `${message.slice(0, 120)}${code ? ` (code ${code})` : ""}`;
}
