import { z } from "zod";
import { listProcesses } from "@/lib/connectors/clickhouse/processes";
import { connectorFailure, defineCheck } from "../define-check";
import { judgeQueryDuration } from "./judge";
import { targetOf } from "./target";

/** `SELECT * FROM system.processes`: what ClickHouse is running now; long runners against thresholds.slowQuerySeconds. */
export const processesCheck = defineCheck({
  id: "clickhouse.processes",
  system: "clickhouse",
  title: "Queries running in ClickHouse",
  runbook: {
    procedure: "clickhouse-issues",
    purpose: "Check ClickHouse status",
    command: 'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT * FROM system.processes"',
  },
  params: z.object({}),
  lab: true,
  async run(context) {
    const target = targetOf(context);
    if ("verdict" in target) return target;
    const result = await listProcesses(target, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const queries = result.value;
    const limit = context.thresholds.slowQuerySeconds;
    const longRunning = queries.filter((entry) => judgeQueryDuration(entry.elapsedSeconds, entry.query, context.thresholds).verdict !== "ok");
    const data = { queries, slowQuerySeconds: limit };
    if (queries.length === 0) return { verdict: "ok", summary: "no queries running", data };
    const longest = queries[0]!;
    const head = `${queries.length} ${queries.length === 1 ? "query" : "queries"} running, longest ${longest.elapsedSeconds.toFixed(1)} s (${longest.user})`;
    if (longRunning.length) return { verdict: "warn", summary: `${head}; ${longRunning.length} over ${limit} s`, data };
    return { verdict: "ok", summary: head, data };
  },
});
