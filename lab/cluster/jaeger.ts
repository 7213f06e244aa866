/**
 * Jaeger all-in-one v1.76.0 (real build, lab/tracing/jaeger/go.mod) with in-memory span
 * storage — the lab has no Elasticsearch (see lab/README.md). Every port on 127.0.0.1.
 * Process `jaeger` (pid file .lab/run/jaeger.pid, log .lab/logs/jaeger.log).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LAB_DIR, LAB_SRC, PORTS } from "../core/paths.ts";
import { livePid, run, startDetached, stopPid, waitFor } from "../core/proc.ts";

const SRC = path.join(LAB_SRC, "tracing", "jaeger");
export const JAEGER_BIN = path.join(LAB_DIR, "bin", "jaeger-all-in-one");
const STAMP = path.join(LAB_DIR, "bin", ".jaeger-all-in-one.stamp");
const MARKER = "--collector.http-server.host-port";

const inputsHash = () => crypto.createHash("sha256").update(fs.readFileSync(path.join(SRC, "go.mod"))).update(fs.readFileSync(path.join(SRC, "go.sum"))).digest("hex").slice(0, 16);

/** Builds the binary when missing or when go.mod/go.sum changed (cold: a few minutes). */
export function ensureJaegerBinary(): void {
  const hash = inputsHash();
  if (fs.existsSync(JAEGER_BIN) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === hash) return;
  console.log("building Jaeger all-in-one from the Go module proxy (first time only)…");
  const r = run("nice", ["-n", "19", "go", "build", "-buildvcs=false", "-o", JAEGER_BIN, "github.com/jaegertracing/jaeger/cmd/all-in-one"], {
    env: { GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod" },
    timeoutMs: 30 * 60_000,
    cwd: SRC,
  });
  if (r.status !== 0) throw new Error(`building Jaeger failed: ${r.stderr.slice(-2000)}`);
  fs.writeFileSync(STAMP, hash);
}

export const jaegerPid = () => livePid("jaeger", MARKER);

export async function startJaeger(): Promise<void> {
  ensureJaegerBinary();
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
      "--memory.max-traces=20000",
    ], { SPAN_STORAGE_TYPE: "memory" });
  }
  await waitFor("Jaeger healthy", async () => (await fetch(`http://127.0.0.1:${PORTS.jaegerAdmin}/`)).ok, 60_000);
}

export async function stopJaeger(): Promise<void> {
  await stopPid("jaeger", MARKER);
}
