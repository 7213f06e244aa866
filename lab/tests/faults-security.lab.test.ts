/** Security faults: API keys, rate limiting, mTLS certificates. */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { certNotAfter, certPaths } from "../core/certs.ts";
import { waitFor } from "../core/proc.ts";
import { PORTS } from "../core/paths.ts";
import { fault, healAll } from "../faults/registry.ts";
import { deploymentLogs, execIn, kubectl, metricSum, metricsGrep, redisScan } from "./runbook.ts";

// a failed test must not leave its fault behind for the next one
afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  await healAll({ quiet: true });
});

const statusOf = async (port: number, key: string) => (await fetch(`http://127.0.0.1:${port}/${port === PORTS.enrichmentHttp ? "v1/ticks/latest" : "v1/latest"}`, { headers: { "X-API-Key": key } })).status;

describe("auth-failures", () => {
  it("revoked and expired keys get 401s; api_keys shows them; heal restores access", async () => {
    await fault("auth-failures").inject();
    const active = execIn("postgresql-0", ["psql", "-U", "user", "-d", "db", "-c", "SELECT * FROM api_keys WHERE is_active = true"]);
    expect(active).toContain("risk-desk-b");
    expect(active).not.toContain("trading-desk-a");
    await waitFor("401s", async () => (await statusOf(PORTS.enrichmentHttp, "lab-key-desk-a")) === 401 && (await statusOf(PORTS.normalizationHttp, "lab-key-desk-b")) === 401, 20_000);
    expect(await metricSum(PORTS.enrichmentMetrics, "auth_failures_total")).toBeGreaterThan(0);
    expect(deploymentLogs("enrichment-service")).toMatch(/401 Unauthorized: API key (revoked|expired)/);
    await fault("auth-failures").heal();
    await waitFor("200s", async () => (await statusOf(PORTS.enrichmentHttp, "lab-key-desk-a")) === 200 && (await statusOf(PORTS.normalizationHttp, "lab-key-desk-b")) === 200, 20_000);
  });
});

describe("rate-limit-storm", () => {
  it("429s, rate_limit metrics and logs, rate_limit:* keys in Redis; heal ends the 429s", async () => {
    const before = await metricSum(PORTS.normalizationMetrics, "rate_limit_exceeded_total");
    await fault("rate-limit-storm").inject();
    await waitFor("429s counted", async () => (await metricSum(PORTS.normalizationMetrics, "rate_limit_exceeded_total")) > before + 20, 30_000);
    expect((await metricsGrep(PORTS.normalizationMetrics, "rate_limit")).length).toBeGreaterThan(0);
    expect((await redisScan("rate_limit:*")).length).toBeGreaterThan(0);
    expect(execIn("redis-0", ["redis-cli", "--scan", "--pattern", "rate_limit:*"])).toMatch(/^rate_limit:normalization-service:\d+:\d+$/m);
    expect(deploymentLogs("normalization-service")).toMatch(/rate_limit exceeded: 429/);
    expect(await statusOf(PORTS.normalizationHttp, "lab-key-desk-a")).toBe(429);
    await fault("rate-limit-storm").heal();
    await new Promise((r) => setTimeout(r, 11_000)); // one rate-limit window
    const settled = await metricSum(PORTS.normalizationMetrics, "rate_limit_exceeded_total");
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await metricSum(PORTS.normalizationMetrics, "rate_limit_exceeded_total")).toBe(settled);
  });
});

describe("cert-expiring", () => {
  it("the server certificate is past expiry and TLS errors are logged; heal reissues it", async () => {
    const cert = certPaths("normalization-service", "server").cert;
    const tlsBefore = await metricSum(PORTS.enrichmentMetrics, "tls_handshake_errors_total");
    await fault("cert-expiring").inject();
    const pod = kubectl(["get", "pods", "-n", "data-processing", "-l", "app=normalization-service", "-o", "jsonpath={.items[0].metadata.name}"]);
    const text = execIn(pod, ["openssl", "x509", "-in", "/etc/certs/server-cert.pem", "-text", "-noout"]);
    expect(text).toMatch(/Not After : /);
    expect(certNotAfter(cert)!.getTime()).toBeLessThan(Date.now());
    await waitFor("TLS errors", async () => (await metricSum(PORTS.enrichmentMetrics, "tls_handshake_errors_total")) > tlsBefore, 30_000);
    await waitFor("TLS lines in normalization-service logs", () => deploymentLogs("normalization-service").split("\n").some((l) => l.includes("TLS") && l.includes("ERROR")), 20_000);
    await fault("cert-expiring").heal();
    expect(certNotAfter(cert)!.getTime()).toBeGreaterThan(Date.now() + 30 * 86_400_000);
    const settled = await waitFor("no new TLS errors", async () => {
      const a = await metricSum(PORTS.enrichmentMetrics, "tls_handshake_errors_total");
      await new Promise((r) => setTimeout(r, 6_000));
      return (await metricSum(PORTS.enrichmentMetrics, "tls_handshake_errors_total")) === a ? true : null;
    }, 40_000, 0);
    expect(settled).toBe(true);
  });
});
