import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CERT_DIR } from "@/lab/core/paths";
import { scrapeMetrics } from "../http/service-endpoints";
import { sumOf } from "../http/prometheus-text";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { inspectCertificate } from "./certificate";

/**
 * Against normalization-service's mTLS endpoint (127.0.0.1:18443, lab/README.md), whose
 * certificate is the file the runbook's `openssl x509 -in /etc/certs/server-cert.pem` reads
 * (.lab/certs/normalization-service/server-cert.pem in the lab).
 */
const TARGET = { address: "127.0.0.1:18443", serverName: "normalization-service" };
const serverFile = () => new X509Certificate(readFileSync(path.join(CERT_DIR, "normalization-service", "server-cert.pem")));
const client = () => ({ cert: readFileSync(path.join(CERT_DIR, "enrichment-service", "client-cert.pem")), key: readFileSync(path.join(CERT_DIR, "enrichment-service", "client-key.pem")) });
const serverHandshakeErrors = async () => {
  const scraped = await scrapeMetrics("http://127.0.0.1:19090/metrics", 2_000);
  return scraped.ok ? (sumOf(scraped.value.samples, "tls_handshake_errors_total", { side: "server" }) ?? 0) : null;
};

describe("inspectCertificate (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("reads the served certificate: the same as the file, with subject, issuer, SANs and days to expiry", async () => {
    const before = await serverHandshakeErrors();
    const result = await inspectCertificate(TARGET, { deadlineMs: 2_000, clientCertificate: client() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const file = serverFile();
    const certificate = result.value;
    expect(certificate.fingerprint256).toBe(file.fingerprint256);
    expect(certificate.subject).toBe("CN=normalization-service, O=254Carbon");
    expect(certificate.issuer).toBe("O=254Carbon lab, CN=254carbon-lab-ca");
    expect(certificate.sans).toContain("DNS:normalization-service");
    expect(certificate.validTo).toBe(new Date(file.validTo).toISOString());
    const days = (new Date(file.validTo).getTime() - Date.now()) / 86_400_000;
    expect(certificate.daysToExpiry).toBeCloseTo(days, 1);
    expect(certificate).toMatchObject({ nameMatches: true, handshakeError: null, protocol: "TLSv1.3", notYetValid: false, issuerCertificate: { subject: "O=254Carbon lab, CN=254carbon-lab-ca" } });
    // the lab CA is not one of Node's: reported, not fatal
    expect(certificate.trustError).toMatch(/SELF_SIGNED|UNABLE_TO/);
    // with enrichment-service's client certificate the server counted no failed handshake
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await serverHandshakeErrors()).toBe(before);
  });

  it("still returns the certificate when the server refuses us for want of a client certificate", async () => {
    // TLS 1.2: the server's refusal (alert 40) ends the handshake, after its certificate arrived
    const result = await inspectCertificate(TARGET, { deadlineMs: 2_000, maxVersion: "TLSv1.2" });
    expect(result).toMatchObject({ ok: true, value: { subject: "CN=normalization-service, O=254Carbon", handshakeError: expect.stringMatching(/handshake failure/) } });
    // TLS 1.3: our side completes before the server refuses; the certificate is the same
    const v13 = await inspectCertificate(TARGET, { deadlineMs: 2_000 });
    expect(v13).toMatchObject({ ok: true, value: { fingerprint256: serverFile().fingerprint256 } });
  });

  it("says so when the server name is not on the certificate", async () => {
    const result = await inspectCertificate({ address: TARGET.address, serverName: "enrichment-service" }, { deadlineMs: 2_000, clientCertificate: client() });
    expect(result).toMatchObject({ ok: true, value: { nameMatches: false } });
  });

  it("is not configured without an address, unreachable on a closed port, a timeout on a black hole, bad on plain HTTP", async () => {
    expect(await inspectCertificate(undefined, { deadlineMs: 2_000 })).toMatchObject({ ok: false, error: { kind: "not_configured" } });
    expect(await inspectCertificate({ address: `127.0.0.1:${await closedPort()}` }, { deadlineMs: 2_000 })).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    expect(await inspectCertificate({ address: `127.0.0.1:${hole.port}`, serverName: "normalization-service" }, { deadlineMs: 400 })).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(await inspectCertificate({ address: "127.0.0.1:18080" }, { deadlineMs: 2_000 })).toMatchObject({ ok: false, error: { kind: "bad_response" } });
    expect(await inspectCertificate({ address: "127.0.0.1:99999" }, { deadlineMs: 2_000 })).toMatchObject({ ok: false, error: { kind: "bad_response", message: expect.stringMatching(/^not host:port/) } });
  });
});
