import { readFileSync } from "node:fs";
import { z } from "zod";
import { inspectCertificate, type CertificateInfo } from "@/lib/connectors/tls/certificate";
import type { Thresholds } from "@/lib/config/catalog";
import { connectorFailure, defineCheck } from "../define-check";
import { findService, serviceName } from "../service/service-target";
import type { CheckResult, Finding } from "../types";

/**
 * `kubectl exec -it <pod-name> -n data-processing -- openssl x509 -in /etc/certs/server-cert.pem -text -noout`:
 * instead of reading the file in the pod, reads the certificate the service actually serves
 * on its TLS endpoint (the catalog's `tls.address`), without verifying it. Verdict by
 * certificateWarnDays / certificateFailDays; a name mismatch is worth a look.
 */
export const certificate = defineCheck({
  id: "tls.certificate",
  system: "service",
  title: "Service TLS certificate",
  runbook: {
    procedure: "authentication-failures",
    purpose: "Check certificate status",
    command: "kubectl exec -it <pod-name> -n data-processing -- openssl x509 \\\n  -in /etc/certs/server-cert.pem -text -noout",
  },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const found = findService(context, params.service);
    if ("verdict" in found) return found;
    if (!found.service.tls) return connectorFailure({ kind: "not_configured", message: `no TLS endpoint for ${params.service} (tls.address in the catalog)` });
    const { address, serverName, clientCertFile, clientKeyFile } = found.service.tls;
    let clientCertificate: { cert: Buffer; key: Buffer } | undefined;
    if (clientCertFile && clientKeyFile) {
      try {
        clientCertificate = { cert: readFileSync(clientCertFile), key: readFileSync(clientKeyFile) };
      } catch (error) {
        return connectorFailure({ kind: "not_found", message: `the client certificate files cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      }
    }
    const result = await inspectCertificate({ address, serverName }, { deadlineMs: context.deadlineMs, clientCertificate });
    if (!result.ok) return connectorFailure(result.error);
    return judgeCertificate(params.service, result.value, found.thresholds);
  },
});

function days(value: number): string {
  const whole = Math.floor(Math.abs(value));
  if (Math.abs(value) < 1) return `${Math.round(Math.abs(value) * 24)} h`;
  return `${whole} day${whole === 1 ? "" : "s"}`;
}

/** Pure: the verdict and summary for a served certificate. */
export function judgeCertificate(service: string, info: CertificateInfo, thresholds: Pick<Thresholds, "certificateWarnDays" | "certificateFailDays">) {
  const date = info.validTo.slice(0, 10);
  const expiry = info.daysToExpiry < 0 ? `EXPIRED ${date} (${days(info.daysToExpiry)} ago)` : info.notYetValid ? `not valid before ${info.validFrom.slice(0, 10)}` : `expires ${date} (in ${days(info.daysToExpiry)})`;
  const verdict: "ok" | "warn" | "fail" =
    info.daysToExpiry < 0 || info.notYetValid || info.daysToExpiry <= thresholds.certificateFailDays
      ? "fail"
      : info.daysToExpiry <= thresholds.certificateWarnDays || info.nameMatches === false
        ? "warn"
        : "ok";
  const parts = [`${service}: ${info.subject}`, expiry, `issuer ${info.issuer}`];
  if (info.nameMatches === false) parts.push(`name ${info.serverName} not on the certificate`);
  return { verdict, summary: parts.join(", "), data: { service, certificate: info } };
}

/**
 * The overview's finding from this check's result: the certificate in the runbook's words
 * ("server certificate expired 1 h ago"), judged by judgeCertificate; nothing when it is fine
 * or could not be read (the panel says what it can see; the check says why it could not).
 */
export function certificateFinding(result: CheckResult<{ certificate: CertificateInfo } | null>): Finding[] {
  const info = result.data?.certificate;
  if (!info || (result.verdict !== "warn" && result.verdict !== "fail")) return [];
  const reason =
    info.daysToExpiry < 0
      ? `server certificate expired ${days(info.daysToExpiry)} ago`
      : info.notYetValid
        ? `server certificate not valid before ${info.validFrom.slice(0, 10)}`
        : info.nameMatches === false
          ? `server certificate does not name ${info.serverName ?? "the service"}`
          : `server certificate expires in ${days(info.daysToExpiry)}`;
  return [{ signal: "tls.certificate", verdict: result.verdict, reason, procedure: "authentication-failures" }];
}
