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
      meaning: { ok: "The active keys are the expected ones: keep the list as evidence.", warn: "Keys to look at (old, unused or unknown).", fail: "The key table is in an unexpected state." },
    },
    {
      id: "certificates",
      inRunbook: false,
      title: "Certificates in use",
      kind: "check",
      check: "tls.certificate",
      params: {},
      command: "kubectl exec -it <pod-name> -n data-processing -- openssl x509 \\\n  -in /etc/certs/server-cert.pem -text -noout",
      meaning: { ok: "Certificates are valid.", warn: "A certificate expires soon.", fail: "A certificate is expired or invalid." },
    },
    { id: "recovery-steps", title: "Recovery steps", kind: "checklist", items: ["Patch vulnerabilities", "Rotate credentials", "Review access logs", "Update security policies"] },
  ],
});
