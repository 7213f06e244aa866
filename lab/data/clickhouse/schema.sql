-- Lab schema for ClickHouse 18.16, applied by lab/scripts/clickhouse.sh start (one statement
-- per line: the HTTP interface runs a single statement per request).
-- 18.16 accepts the "new" MergeTree syntax (PARTITION BY / ORDER BY, since 1.1.54310);
-- the old form would be ENGINE = MergeTree(event_date, (symbol, ts), 8192).
CREATE TABLE IF NOT EXISTS default.market_ticks (symbol String, price Float64, volume Float64, ts DateTime, source String, event_date Date DEFAULT toDate(ts)) ENGINE = MergeTree() PARTITION BY toYYYYMM(event_date) ORDER BY (symbol, ts) SETTINGS index_granularity = 8192
