import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CERT_DIR } from "@/lab/core/paths";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { certificate } from "./certificate";

/** normalization-service's mTLS endpoint 127.0.0.1:18443 (NORMALIZATION_SERVICE_TLS_ADDRESS in the lab's environment). */
describe("tls.certificate (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("reads normalization-service's served certificate: the expiry openssl x509 reads from its file, its subject, the lab CA, the verdict from the days left", async () => {
    // The runbook's `openssl x509 -in /etc/certs/server-cert.pem -text -noout`, on the file the service serves.
    const endDate = execFileSync("openssl", ["x509", "-in", path.join(CERT_DIR, "normalization-service", "server-cert.pem"), "-noout", "-enddate"], { encoding: "utf8" }).trim().replace(/^notAfter=/, "");
    const result = await runCheck(certificate, labContext(), {});
    expect(result.data?.certificate).toMatchObject({ address: "127.0.0.1:18443", serverName: "normalization-service", subject: "CN=normalization-service, O=254Carbon", issuer: "O=254Carbon lab, CN=254carbon-lab-ca", nameMatches: true });
    expect(result.data!.certificate.validTo).toBe(new Date(endDate).toISOString());
    const left = (new Date(endDate).getTime() - Date.now()) / 86_400_000;
    const thresholds = labContext().thresholds;
    // a fresh lab certificate is valid 90 days; under the cert-expiring fault it expired an hour ago
    expect(result.verdict).toBe(left <= thresholds.certificateFailDays ? "fail" : left <= thresholds.certificateWarnDays ? "warn" : "ok");
    expect(result.summary).toMatch(/^normalization-service: CN=normalization-service, O=254Carbon, (expires \d{4}-\d\d-\d\d \(in \d+ days\)|EXPIRED .*), issuer O=254Carbon lab, CN=254carbon-lab-ca$/);
  });

  it("presents the catalog's client certificate, so looking is not counted as a failed handshake", async () => {
    const failures = async () => {
      const text = await (await fetch("http://127.0.0.1:19090/metrics")).text();
      return text.split("\n").filter((line) => line.startsWith("tls_handshake_errors_total") && line.includes('side="server"')).reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
    };
    const before = await failures();
    expect((await runCheck(certificate, labContext(), {})).data?.certificate.subject).toBe("CN=normalization-service, O=254Carbon");
    expect(await failures()).toBe(before);
    const unreadable = await runCheck(certificate, labContext({ overrides: { NORMALIZATION_SERVICE_TLS_CLIENT_KEY_FILE: "/nonexistent/key.pem" } }), {});
    expect(unreadable).toMatchObject({ verdict: "error", summary: expect.stringMatching(/client certificate files cannot be read \(ENOENT\)/) });
  });

  it("is skipped for a service without a TLS endpoint, and an error for one not in the catalog", async () => {
    expect(await runCheck(certificate, labContext(), { service: "enrichment-service" })).toMatchObject({ verdict: "skipped", summary: expect.stringMatching(/^not configured: no TLS endpoint for enrichment-service/) });
    expect(await runCheck(certificate, labContext(), { service: "nope" })).toMatchObject({ verdict: "error", summary: "no such service in the catalog: nope" });
  });

  it("is an error for a closed port and for a black hole within the deadline", async () => {
    expect(await runCheck(certificate, labContext({ overrides: { NORMALIZATION_SERVICE_TLS_ADDRESS: `127.0.0.1:${await closedPort()}` } }), {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const hung = await runCheck(certificate, labContext({ overrides: { NORMALIZATION_SERVICE_TLS_ADDRESS: `127.0.0.1:${hole.port}` }, deadlineMs: 400 }), {});
    expect(hung).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
