/**
 * Jaeger all-in-one v1.76.0 (real build, lab/tracing/jaeger/go.mod, built by
 * `npm run lab -- install`) storing its spans in the lab's OpenSearch (elasticsearch-0), as
 * the runbook's deployment stores them in Elasticsearch. Every port on 127.0.0.1.
 * Process `jaeger` (pid file .lab/run/jaeger.pid, log .lab/logs/jaeger.log).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LAB_DIR, LAB_SRC, OPENSEARCH_URL, PORTS } from "../core/paths.ts";
import { livePid, startDetached, stopPid, waitFor } from "../core/proc.ts";

const SRC = path.join(LAB_SRC, "tracing", "jaeger");
export const JAEGER_BIN = path.join(LAB_DIR, "bin", "jaeger-all-in-one");
const STAMP = path.join(LAB_DIR, "bin", ".jaeger-all-in-one.stamp");
const MARKER = "--collector.http-server.host-port";

const inputsHash = () => crypto.createHash("sha256").update(fs.readFileSync(path.join(SRC, "go.mod"))).update(fs.readFileSync(path.join(SRC, "go.sum"))).digest("hex").slice(0, 16);

/** lab/scripts/install.sh builds the binary and stamps it with this hash of go.mod/go.sum. */
function assertJaegerBinary(): void {
  if (fs.existsSync(JAEGER_BIN) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === inputsHash()) return;
  throw new Error(`${JAEGER_BIN} missing or older than lab/tracing/jaeger/go.mod: run npm run lab -- install`);
}

export const jaegerPid = () => livePid("jaeger", MARKER);

export async function startJaeger(): Promise<void> {
  assertJaegerBinary();
  if (!jaegerPid()) {
    const h = (port: number) => `127.0.0.1:${port}`;
    startDetached("jaeger", JAEGER_BIN, [
      `--collector.http-server.host-port=${h(PORTS.jaegerCollector)}`,
      `--collector.grpc-server.host-port=${h(PORTS.jaegerCollectorGrpc)}`,
      `--collector.otlp.grpc.host-port=${h(PORTS.jaegerOtlpGrpc)}`,
      `--collector.otlp.http.host-port=${h(PORTS.jaegerOtlpHttp)}`,
      `--admin.http.host-port=${h(PORTS.jaegerAdmin)}`,
      `--query.http-server.host-port=${h(PORTS.jaegerQuery)}`,
      `--query.grpc-server.host-port=${h(PORTS.jaegerQueryGrpc)}`,
      `--es.server-urls=${OPENSEARCH_URL}`,
      // one node: no replicas (the cluster stays green), one shard per daily index
      "--es.num-replicas=0",
      "--es.num-shards=1",
      // "opensearch" and "elasticsearch" are one storage in Jaeger 1.76 (flags --es.*); it tells
      // OpenSearch 2 from Elasticsearch 2 by the tagline and uses the ES 7 mappings
    ], { SPAN_STORAGE_TYPE: "opensearch" });
  }
  await waitFor("Jaeger healthy", async () => (await fetch(`http://127.0.0.1:${PORTS.jaegerAdmin}/`)).ok, 60_000);
}

export async function stopJaeger(): Promise<void> {
  await stopPid("jaeger", MARKER);
}
