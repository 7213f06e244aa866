import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Security Issues › Authentication Failures. */
export const authenticationFailures = defineProcedure({
  id: "authentication-failures",
  version: 1,
  kind: "procedure",
  section: "Security Issues",
  title: "Authentication Failures",
  level: "L2",
  symptoms: [
    "401 Unauthorized errors",
    "API key validation failures",
    "mTLS connection errors"
  ],
  resolution: [
    "Regenerate API keys",
    "Update certificates",
    "Check service identity",
    "Review security policies"
  ],
  start: "check-api-key-status",
  steps: [
    {
      id: "check-api-key-status",
      title: "Check API key status",
      kind: "check",
      check: "postgresql.active-api-keys",
      params: {},
      command: "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT * FROM api_keys WHERE is_active = true\"",
      meaning: {
        ok: "Active API keys: nothing out of the ordinary.",
        warn: "Active API keys: something to look at; read the summary and the data.",
        fail: "Active API keys: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-certificate-status",
      title: "Check certificate status",
      kind: "check",
      check: "tls.certificate",
      params: {},
      command: "kubectl exec -it <pod-name> -n data-processing -- openssl x509 \\\n  -in /etc/certs/server-cert.pem -text -noout",
      meaning: {
        ok: "Service TLS certificate: nothing out of the ordinary.",
        warn: "Service TLS certificate: something to look at; read the summary and the data.",
        fail: "Service TLS certificate: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-mtls-connections",
      title: "Check mTLS connections",
      kind: "check",
      check: "kubernetes.logs",
      params: {
        deployment: "normalization-service",
        filter: "TLS"
      },
      command: "kubectl logs -n data-processing deployment/normalization-service | grep TLS",
      meaning: {
        ok: "Service logs: nothing out of the ordinary.",
        warn: "Service logs: something to look at; read the summary and the data.",
        fail: "Service logs: broken; this is likely part of the cause."
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Regenerate API keys",
        "Update certificates",
        "Check service identity",
        "Review security policies"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-api-key-status",
        "check-certificate-status",
        "check-mtls-connections"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
