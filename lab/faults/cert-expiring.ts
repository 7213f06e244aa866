/**
 * cert-expiring: normalization-service's server certificate is replaced by one that
 * expired an hour ago (a renewal that never happened). The service reloads it; its mTLS
 * client, enrichment-service, refuses it: TLS errors in both logs and metrics.
 * Heal: issue a fresh 90-day certificate (the runbook's "Update certificates").
 */
import { issueCert } from "../core/certs.ts";
import { setFault } from "../core/fault-state.ts";
import { kubectl } from "../core/kube.ts";
import { asList, tlsSecrets } from "../cluster/manifests.ts";
import type { Fault } from "./fault.ts";

const DAY = 86_400_000;
const syncSecrets = () => kubectl(["apply", "--server-side", "--force-conflicts", "--field-manager=lab", "-f", "-"], asList(tlsSecrets()));

export const certExpiring: Fault = {
  name: "cert-expiring",
  runbook: "Security Issues › Authentication Failures (mTLS)",
  description: "normalization-service's server certificate expired an hour ago; mTLS handshakes from enrichment-service fail",
  inject: async () => {
    setFault("cert-expiring", true);
    issueCert("normalization-service", "server", new Date(Date.now() - 90 * DAY), new Date(Date.now() - 3_600_000));
    syncSecrets();
  },
  heal: async () => {
    issueCert("normalization-service", "server", new Date(Date.now() - 60_000), new Date(Date.now() + 90 * DAY));
    syncSecrets();
    setFault("cert-expiring", false);
  },
};
