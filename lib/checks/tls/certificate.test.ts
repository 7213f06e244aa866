import { describe, expect, it } from "vitest";
import type { CertificateInfo } from "@/lib/connectors/tls/certificate";
import { judgeCertificate } from "./certificate";

const info = (daysToExpiry: number, extra: Partial<CertificateInfo> = {}): CertificateInfo => ({
  address: "127.0.0.1:18443",
  serverName: "normalization-service",
  subject: "CN=normalization-service, O=254Carbon",
  issuer: "O=254Carbon lab, CN=254carbon-lab-ca",
  sans: ["DNS:normalization-service"],
  validFrom: "2026-11-30T07:48:12.000Z",
  validTo: new Date(Date.parse("2026-12-01T00:00:00Z") + daysToExpiry * 86_400_000).toISOString(),
  daysToExpiry,
  notYetValid: false,
  fingerprint256: "AA:BB",
  serialNumber: "01",
  nameMatches: true,
  trustError: null,
  issuerCertificate: null,
  protocol: "TLSv1.3",
  handshakeError: null,
  ...extra,
});
const thresholds = { certificateWarnDays: 14, certificateFailDays: 3 };

describe("tls.certificate verdict", () => {
  it("is ok far from expiry, warns within certificateWarnDays, fails within certificateFailDays", () => {
    expect(judgeCertificate("normalization-service", info(89.9), thresholds)).toMatchObject({ verdict: "ok", summary: "normalization-service: CN=normalization-service, O=254Carbon, expires 2027-02-28 (in 89 days), issuer O=254Carbon lab, CN=254carbon-lab-ca" });
    expect(judgeCertificate("s", info(10), thresholds).verdict).toBe("warn");
    expect(judgeCertificate("s", info(2.5), thresholds).verdict).toBe("fail");
  });

  it("fails an expired certificate and says how long ago (the lab's cert-expiring fault: an hour)", () => {
    const result = judgeCertificate("normalization-service", info(-1 / 24), thresholds);
    expect(result.verdict).toBe("fail");
    expect(result.summary).toContain("EXPIRED 2026-11-30 (1 h ago)");
  });

  it("fails a certificate not yet valid and warns on a name mismatch", () => {
    expect(judgeCertificate("s", info(400, { notYetValid: true, validFrom: "2027-01-01T00:00:00.000Z" }), thresholds)).toMatchObject({ verdict: "fail", summary: expect.stringContaining("not valid before 2027-01-01") });
    expect(judgeCertificate("s", info(60, { nameMatches: false }), thresholds)).toMatchObject({ verdict: "warn", summary: expect.stringContaining("name normalization-service not on the certificate") });
  });
});
