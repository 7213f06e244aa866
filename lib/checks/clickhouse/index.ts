import { countRowsCheck } from "./count-rows";
import { invalidPricesCheck } from "./invalid-prices";
import { latencyQueriesCheck } from "./latency-queries";
import { processesCheck } from "./processes";
import { queryLogCheck } from "./query-log";
import { tablesCheck } from "./tables";

/** The runbook's ClickHouse commands, run by the console. */
export const clickhouseChecks = [countRowsCheck, invalidPricesCheck, latencyQueriesCheck, processesCheck, tablesCheck, queryLogCheck];
