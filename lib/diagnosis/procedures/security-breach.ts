import { defineProcedure } from "../definition";

/** Runbook: Emergency Procedures › Security Breach. */
export const securityBreach = defineProcedure({
  id: "security-breach",
  version: 1,
  kind: "emergency",
  section: "Emergency Procedures",
  title: "Security Breach",
  level: "L3",
  immediateActions: ["Isolate affected systems", "Preserve evidence", "Notify security team", "Document incident"],
  recoverySteps: ["Patch vulnerabilities", "Rotate credentials", "Review access logs", "Update security policies"],
  resolution: ["Patch vulnerabilities", "Rotate credentials", "Review access logs", "Update security policies"],
  start: "immediate-actions",
  steps: [
    { id: "immediate-actions", title: "Immediate actions", kind: "checklist", items: ["Isolate affected systems", "Preserve evidence", "Notify security team", "Document incident"] },
    {
      id: "active-api-keys",
      inRunbook: false,
      title: "Preserve evidence: active API keys",
      kind: "check",
      check: "postgresql.active-api-keys",
      params: {},
      command: 'kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c "SELECT * FROM api_keys WHERE is_active = true"',
      meaning: {
        ok: "Active API keys, none past its expiry (owners in the data): keep the list as evidence and rotate any key that may be exposed.",
        warn: "Keys past their expiry are still active (owners in the summary): revoke them when you rotate credentials.",
        fail: "No active API key at all: every client is refused; find out whether the keys were revoked on purpose.",
        error: "PostgreSQL did not answer: the key list cannot be preserved yet.",
      },
    },
    {
      id: "certificates",
      inRunbook: false,
      title: "Certificates in use",
      kind: "check",
      check: "tls.certificate",
      params: {},
      command: "kubectl exec -it <pod-name> -n data-processing -- openssl x509 \\\n  -in /etc/certs/server-cert.pem -text -noout",
      meaning: {
        ok: "The certificate the service serves is valid for more than 14 days and names the service: keep its subject and issuer as evidence.",
        warn: "The certificate expires within 14 days or does not name the service: a name or issuer you do not expect may be a replaced certificate.",
        fail: "The certificate is expired, not yet valid, or expires within 3 days: replace it when you rotate credentials.",
        error: "The service's TLS endpoint did not answer.",
        skipped: "No TLS endpoint in the catalog for the service (tls.address).",
      },
    },
    { id: "recovery-steps", title: "Recovery steps", kind: "checklist", items: ["Patch vulnerabilities", "Rotate credentials", "Review access logs", "Update security policies"] },
  ],
});
