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
        ok: "Active API keys exist and none is past its expiry: the 401s do not come from expired keys.",
        warn: "Active keys past their expiry (owners in the summary): their clients get 401s; regenerate those keys.",
        fail: "No active API key at all: every client is refused; regenerate API keys.",
        error: "PostgreSQL did not answer: see PostgreSQL Issues.",
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
        ok: "The certificate the service serves is valid for more than 14 days (certificateWarnDays) and names the service.",
        warn: "The certificate expires within 14 days, or does not name the service: update it before mTLS fails.",
        fail: "The certificate is expired, not yet valid, or expires within 3 days (certificateFailDays): mTLS fails; update certificates.",
        error: "The service's TLS endpoint did not answer.",
        skipped: "No TLS endpoint in the catalog for the service (tls.address).",
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
        ok: "No TLS line at WARN level or worse in the service's newest 1,000 lines: no failed handshakes logged.",
        warn: "TLS lines at WARN or worse (count in the summary): read them for the failing peer and reason (expired, unknown issuer).",
        fail: "This check does not fail: TLS errors in the log are a warn, an unreadable log an error.",
        error: "The Kubernetes API did not answer, or the service has no pod to read.",
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
