import type { CheckContext } from "../types";
import { clickhouseTarget, NOT_CONFIGURED, type ClickHouseTarget } from "@/lib/connectors/clickhouse/client";
import { connectorFailure } from "../define-check";

/** The catalog's ClickHouse as a target, or the `skipped` verdict when it is not configured. */
export function targetOf(context: CheckContext): ClickHouseTarget | ReturnType<typeof connectorFailure> {
  const target = clickhouseTarget(context.catalog.systems.clickhouse, context.env);
  return target ?? connectorFailure(NOT_CONFIGURED);
}

/** A table parameter: an identifier, optionally `database.table` (never quoted text). */
export const TABLE = /^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$/;
export const DATABASE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export const formatCount = (value: number) => value.toLocaleString("en-US");
