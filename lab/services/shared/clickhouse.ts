/**
 * ClickHouse 18.16 access for the services (HTTP, @clickhouse/client). 18.16 has no query
 * parameters and no ISO DateTime parsing; see lab/data/clickhouse/NOTES.md.
 */
import { createClient, ClickHouseLogLevel } from "@clickhouse/client";
import { CLICKHOUSE_URL } from "../../core/paths.ts";

export function createClickHouse(application: string) {
  return createClient({
    url: CLICKHOUSE_URL,
    username: "default",
    password: "",
    application,
    request_timeout: 30_000,
    log: { level: ClickHouseLogLevel.OFF },
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
}
