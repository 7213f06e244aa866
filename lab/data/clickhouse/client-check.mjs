// Probes what the npm package @clickhouse/client can do against the lab ClickHouse 18.16.
// Findings are written down in lab/data/clickhouse/NOTES.md.
//
//   npm install --prefix /tmp/chc @clickhouse/client      (outside the repo)
//   CHC_PREFIX=/tmp/chc node lab/data/clickhouse/client-check.mjs
//
// Env: CLICKHOUSE_URL (http://127.0.0.1:58123), CLICKHOUSE_CONSOLE_PASSWORD (console-secret),
//      CHC_PREFIX (/tmp/chc). Prints one line per probe: OK / FAIL (+ the server's words).
// Exit code: 0 when every probe marked `required` passes (what the console relies on).
import { createRequire } from 'node:module';
import path from 'node:path';

const prefix = process.env.CHC_PREFIX || '/tmp/chc';
const require = createRequire(path.join(path.resolve(prefix), 'node_modules', 'noop.js'));
let chc;
try {
  chc = require('@clickhouse/client');
} catch {
  console.error(`@clickhouse/client not found under ${prefix}: npm install --prefix ${prefix} @clickhouse/client`);
  process.exit(1);
}
const { createClient } = chc;
const version = require('@clickhouse/client/package.json').version;

const url = process.env.CLICKHOUSE_URL || 'http://127.0.0.1:58123';
const consolePassword = process.env.CLICKHOUSE_CONSOLE_PASSWORD || 'console-secret';
const quiet = { log: { level: chc.ClickHouseLogLevel ? chc.ClickHouseLogLevel.OFF : undefined } };
const client = createClient({ url, username: 'default', password: '', request_timeout: 10000, ...quiet });

let requiredFailed = 0;
const short = (e) => String(e && (e.message || e)).replace(/\s+/g, ' ').slice(0, 220);
async function probe(name, fn, { required = false } = {}) {
  try {
    const out = await fn();
    console.log(`OK    ${name}${out === undefined ? '' : ` -> ${typeof out === 'string' ? out : JSON.stringify(out)}`}`);
    return true;
  } catch (e) {
    if (required) requiredFailed += 1;
    const code = e && e.code ? ` [code ${e.code}${e.type ? ` ${e.type}` : ''}]` : '';
    console.log(`${required ? 'FAIL!' : 'FAIL '} ${name}${code}: ${short(e)}`);
    return false;
  }
}
const rows = async (query, extra = {}) => (await client.query({ query, format: 'JSONEachRow', ...extra })).json();

console.log(`@clickhouse/client ${version} -> ${url}`);
await probe('ping()', async () => {
  const r = await client.ping();
  if (!r.success) throw r.error;
  return r.success;
}, { required: true });
await probe('SELECT version() (JSONEachRow)', async () => (await rows('SELECT version() AS v'))[0].v, { required: true });
await probe('query market_ticks, format JSONEachRow', async () => {
  const r = await rows('SELECT symbol, price, volume, ts, source, event_date FROM market_ticks ORDER BY symbol LIMIT 2');
  return r;
}, { required: true });
await probe('count() comes back as a string (UInt64 quoted in JSON formats)', async () => {
  const r = await rows('SELECT count() AS n FROM market_ticks');
  return `${JSON.stringify(r[0].n)} (${typeof r[0].n})`;
});
await probe("format 'JSON' (meta/data/rows/statistics)", async () => {
  const r = await (await client.query({ query: 'SELECT 1 AS one', format: 'JSON' })).json();
  return Object.keys(r);
});
await probe("format 'JSONCompactEachRow' (newer than 18.16?)", async () =>
  (await client.query({ query: 'SELECT 1 AS one', format: 'JSONCompactEachRow' })).json());
await probe("format 'JSONEachRowWithProgress'", async () =>
  (await client.query({ query: 'SELECT 1 AS one', format: 'JSONEachRowWithProgress' })).text());
await probe("format 'CSVWithNames' + .text()", async () =>
  (await client.query({ query: 'SELECT 1 AS one', format: 'CSVWithNames' })).text());
await probe("format 'TabSeparated' + .text()", async () =>
  (await client.query({ query: 'SELECT 1 AS one', format: 'TabSeparated' })).text());

await probe('query_params {sym:String} (server-side binding, HTTP param_sym)', async () =>
  rows('SELECT count() AS n FROM market_ticks WHERE symbol = {sym:String}', { query_params: { sym: 'AAPL' } }));
await probe('query_params {lim:UInt32} in LIMIT', async () =>
  rows('SELECT symbol FROM market_ticks LIMIT {lim:UInt32}', { query_params: { lim: 1 } }));

// 18.16 has no server-side query parameters: the safe fallback is client-side literal quoting
// with strict typing. ClickHouse string literals: backslash escapes, single quotes.
const chString = (v) => `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\0/g, '\\0')}'`;
const chUInt = (v) => { const n = Number(v); if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a UInt: ${v}`); return String(n); };
await probe('fallback: client-side quoted literal with an injection attempt matches nothing and breaks nothing', async () => {
  const evil = "AAPL' OR 1=1 --\\'";
  const r = await rows(`SELECT count() AS n FROM market_ticks WHERE symbol = ${chString(evil)} LIMIT ${chUInt(10)}`);
  const r2 = await rows(`SELECT count() AS n FROM market_ticks WHERE symbol = ${chString('AAPL')}`);
  return { evil_literal: chString(evil), evil_matches: r[0].n, aapl_matches: r2[0].n };
});
await probe('clickhouse_settings { max_execution_time: 5, max_result_rows: 1000 }', async () =>
  rows('SELECT 1 AS x', { clickhouse_settings: { max_execution_time: 5, max_result_rows: 1000 } }));
await probe('clickhouse_settings { output_format_json_quote_64bit_integers: 0 } -> count() as number', async () => {
  const r = await rows('SELECT count() AS n FROM market_ticks', { clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } });
  return `${JSON.stringify(r[0].n)} (${typeof r[0].n})`;
});
await probe('clickhouse_settings { date_time_output_format: "iso" } (newer setting)', async () =>
  rows('SELECT now() AS t', { clickhouse_settings: { date_time_output_format: 'iso' } }));
await probe('compression: { response: true } (enable_http_compression=1, gzip)', async () => {
  const c = createClient({ url, ...quiet, compression: { response: true } });
  try {
    return (await (await c.query({ query: 'SELECT 1 AS x', format: 'JSONEachRow' })).json());
  } finally {
    await c.close();
  }
});
await probe('compression: { request: true } (gzip request body on insert)', async () => {
  const c = createClient({ url, ...quiet, compression: { request: true } });
  try {
    await c.insert({ table: 'market_ticks', format: 'JSONEachRow', values: [{ symbol: 'CHK', price: 1, volume: 1, ts: '2024-01-01 00:00:00', source: 'client-check-gz' }] });
    return 'inserted';
  } finally {
    await c.close();
  }
});

await probe('insert() JSONEachRow (ts as "YYYY-MM-DD hh:mm:ss", event_date defaulted)', async () => {
  await client.insert({
    table: 'market_ticks',
    format: 'JSONEachRow',
    values: [
      { symbol: 'CHK', price: 10.5, volume: 3, ts: '2024-01-02 03:04:05', source: 'client-check' },
      { symbol: 'CHK', price: 11.5, volume: 4, ts: '2024-01-02 03:04:06', source: 'client-check' },
    ],
  });
  return rows("SELECT symbol, ts, event_date FROM market_ticks WHERE source = 'client-check' ORDER BY ts DESC LIMIT 1");
}, { required: true });
await probe('insert() JSONEachRow with ts as a unix number', async () => {
  await client.insert({ table: 'market_ticks', format: 'JSONEachRow', values: [{ symbol: 'CHK', price: 1, volume: 1, ts: 1704164645, source: 'client-check-unix' }] });
  return rows("SELECT ts FROM market_ticks WHERE source = 'client-check-unix' LIMIT 1");
});
await probe('insert() JSONEachRow with ts as ISO-8601 "2024-01-02T03:04:05Z"', async () => {
  await client.insert({ table: 'market_ticks', format: 'JSONEachRow', values: [{ symbol: 'CHK', price: 1, volume: 1, ts: '2024-01-02T03:04:05Z', source: 'client-check-iso' }] });
  return rows("SELECT ts FROM market_ticks WHERE source = 'client-check-iso' LIMIT 1");
});
await probe("insert() with columns: ['symbol','price','volume','ts','source']", async () => {
  await client.insert({ table: 'market_ticks', format: 'JSONEachRow', columns: ['symbol', 'price', 'volume', 'ts', 'source'], values: [{ symbol: 'CHK', price: 1, volume: 1, ts: '2024-01-02 03:04:05', source: 'client-check-cols' }] });
  return 'inserted';
});
await probe('insert() ISO-8601 ts with clickhouse_settings { date_time_input_format: "best_effort" }', async () => {
  await client.insert({ table: 'market_ticks', format: 'JSONEachRow', clickhouse_settings: { date_time_input_format: 'best_effort' }, values: [{ symbol: 'CHK', price: 1, volume: 1, ts: '2024-01-02T03:04:05.123Z', source: 'client-check-iso-be' }] });
  return rows("SELECT ts, event_date FROM market_ticks WHERE source = 'client-check-iso-be' LIMIT 1");
});
await probe('event_date DEFAULT toDate(ts) with insert() WITHOUT columns (JSONEachRow omits event_date)', async () =>
  rows("SELECT event_date FROM market_ticks WHERE source = 'client-check' LIMIT 1"));
await probe('event_date DEFAULT with columns: [...] given', async () =>
  rows("SELECT event_date FROM market_ticks WHERE source = 'client-check-cols' LIMIT 1"));
await probe('event_date DEFAULT with clickhouse_settings { insert_sample_with_metadata: 1 } (18.x name of input_format_defaults_for_omitted_fields)', async () => {
  await client.insert({ table: 'market_ticks', format: 'JSONEachRow', clickhouse_settings: { insert_sample_with_metadata: 1 }, values: [{ symbol: 'CHK', price: 1, volume: 1, ts: '2024-01-02 03:04:05', source: 'client-check-meta' }] });
  return rows("SELECT event_date FROM market_ticks WHERE source = 'client-check-meta' LIMIT 1");
});
await probe('clickhouse_settings { input_format_defaults_for_omitted_fields: 1 } (19.x+ name)', async () => {
  await client.insert({ table: 'market_ticks', format: 'JSONEachRow', clickhouse_settings: { input_format_defaults_for_omitted_fields: 1 }, values: [{ symbol: 'CHK', price: 1, volume: 1, ts: '2024-01-02 03:04:05', source: 'client-check-omit' }] });
  return 'inserted';
});
await probe('command() CREATE TABLE IF NOT EXISTS (old MergeTree syntax)', async () => {
  await client.command({ query: 'CREATE TABLE IF NOT EXISTS chk_old (d Date, x UInt32) ENGINE = MergeTree(d, (x), 8192)' });
  await client.command({ query: 'DROP TABLE IF EXISTS chk_old' });
  return 'created+dropped';
});
await probe('exec() SELECT (raw stream)', async () => {
  const r = await client.exec({ query: 'SELECT 1 FORMAT TabSeparated' });
  let s = '';
  for await (const chunk of r.stream) s += chunk;
  return s.trim();
});

await probe('system.processes (JSONEachRow)', async () => {
  const r = await rows('SELECT query_id, user, elapsed, read_rows, memory_usage, query FROM system.processes');
  return `${r.length} row(s), keys ${Object.keys(r[0] || {}).join(',')}`;
}, { required: true });
await probe('a running query shows in system.processes; KILL QUERY WHERE query_id = ... stops it', async () => {
  const qid = `chk-sleep-${Date.now()}`;
  const running = client.query({ query: 'SELECT sleep(3) AS s', format: 'JSONEachRow', query_id: qid }).then((r) => r.json()).then(
    () => 'finished', (e) => `query ended with: ${short(e)}`);
  await new Promise((r) => setTimeout(r, 400));
  const seen = await rows(`SELECT query_id, elapsed FROM system.processes WHERE query_id = '${qid}'`);
  const kill = await (await client.query({ query: `KILL QUERY WHERE query_id = '${qid}' SYNC`, format: 'JSONEachRow' })).json();
  return { seen_in_processes: seen.length === 1, kill_result: kill, running: await running };
});
await probe('query_id chosen by the caller is findable in system.query_log', async () => {
  const qid = `chk-qid-${Date.now()}`;
  await (await client.query({ query: 'SELECT 42 AS x', format: 'JSONEachRow', query_id: qid })).json();
  await new Promise((r) => setTimeout(r, 1500));
  return rows(`SELECT type, query_duration_ms FROM system.query_log WHERE query_id = '${qid}' ORDER BY type`);
});
await probe('system.tables', async () =>
  (await rows("SELECT database, name, engine FROM system.tables WHERE database = 'default'")).map((t) => `${t.name}:${t.engine}`), { required: true });
await probe('system.parts (rows/bytes per table)', async () =>
  rows("SELECT table, sum(rows) AS rows, sum(bytes) AS bytes FROM system.parts WHERE active AND database = 'default' GROUP BY table"));
await probe('system.query_log has rows (log_queries=1 in profile)', async () => {
  await new Promise((r) => setTimeout(r, 1500)); // flush_interval_milliseconds=1000 in the lab config
  return rows('SELECT count() AS n, max(event_time) AS last FROM system.query_log');
}, { required: true });
await probe('system.query_log slow-query columns (query_duration_ms, event_date, event_time, type, read_rows, memory_usage, exception)', async () =>
  rows("SELECT event_date, event_time, type, query_duration_ms, read_rows, read_bytes, result_rows, memory_usage, user, query_id, exception, query FROM system.query_log WHERE type = 2 ORDER BY event_time DESC LIMIT 1"), { required: true });
await probe("system.query_log type compared as string: type = 'QueryFinish'", async () =>
  rows("SELECT count() AS n FROM system.query_log WHERE type = 'QueryFinish'"));
await probe('system.query_log column list', async () =>
  (await rows("SELECT name, type FROM system.columns WHERE database = 'system' AND table = 'query_log'")).map((c) => `${c.name}:${c.type}`).join(' '));

await probe('user console with the right password', async () => {
  const c = createClient({ url, ...quiet, username: 'console', password: consolePassword });
  try {
    return (await (await c.query({ query: 'SELECT 1 AS ok', format: 'JSONEachRow' })).json());
  } finally {
    await c.close();
  }
}, { required: true });
await probe('user console with a WRONG password is rejected (expected: error code 193)', async () => {
  const c = createClient({ url, ...quiet, username: 'console', password: 'wrong' });
  try {
    await c.query({ query: 'SELECT 1', format: 'JSONEachRow' });
  } catch (e) {
    const ping = await c.ping();
    const isCHError = chc.ClickHouseError ? e instanceof chc.ClickHouseError : 'n/a';
    const parsed = /Code: (\d+)/.exec(e.message);
    return `rejected: instanceof ClickHouseError=${isCHError} e.code=${e.code} e.type=${e.type} code parsed from message=${parsed && parsed[1]}; ping() with the bad password: success=${ping.success}`;
  } finally {
    await c.close();
  }
  throw new Error('a wrong password was accepted');
}, { required: true });
await probe('server unreachable (port 1) -> error shape', async () => {
  const c = createClient({ url: 'http://127.0.0.1:1', request_timeout: 2000, ...quiet });
  const p = await c.ping();
  await c.close();
  return `ping success=${p.success} error=${short(p.error)}`;
});

await client.command({ query: "ALTER TABLE market_ticks DELETE WHERE source LIKE 'client-check%'" }).then(
  () => console.log('OK    cleanup: ALTER TABLE ... DELETE (mutation) removed the probe rows'),
  (e) => console.log(`FAIL  cleanup ALTER TABLE ... DELETE: ${short(e)}`),
);
await client.close();
console.log(requiredFailed ? `${requiredFailed} required probe(s) failed` : 'all required probes passed');
process.exit(requiredFailed ? 1 : 0);
