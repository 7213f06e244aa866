import type { V1Secret } from "@kubernetes/client-node";
import { coreApi, type KubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { KubeNotFoundError, kubeCall } from "@/lib/connectors/kubernetes/kube-call";
import { printable } from "@/lib/connectors/kubernetes/pods";
import { boundedText, isoTime } from "@/lib/connectors/kubernetes/text";
import { failure, redactLogLine, type ConnectorResult } from "../result";
import { decodeRelease, redactValues, type HelmReleaseJson } from "./release-secret";

/**
 * `helm history data-processing-pipeline -n data-processing` and `helm status …`, read from
 * the release's Secrets (label owner=helm,name=<release>) through the Kubernetes API — no
 * helm binary, the console's kubeconfig, a deadline like every other call.
 */
export interface HelmRevision {
  revision: number;
  status: string;
  /** "<chart>-<version>" as helm history prints it */
  chart: string;
  chartName: string | null;
  chartVersion: string | null;
  appVersion: string | null;
  /** last_deployed (ISO) */
  updated: string | null;
  description: string;
  /** the Secret could not be decoded: only its labels are known */
  undecodable?: boolean;
}

export interface HelmReleaseStatus extends HelmRevision {
  name: string;
  namespace: string;
  firstDeployed: string | null;
  notes: string;
  /** user-supplied values (`helm get values`), secret-looking keys redacted */
  values: unknown;
  /** the revision currently deployed (may differ from the latest when the latest failed) */
  deployedRevision: number | null;
}

export interface HelmRelease {
  history: HelmRevision[];
  status: HelmReleaseStatus;
}

/** Helm's release name rule (lowercase DNS labels, at most 53 characters). */
export const HELM_RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const isReleaseName = (name: string) => name.length <= 53 && HELM_RELEASE_NAME.test(name);

function revisionOf(secret: V1Secret): { revision: HelmRevision; release: HelmReleaseJson | null } {
  const labels = secret.metadata?.labels ?? {};
  const labelled = Number(labels.version ?? /\.v(\d+)$/.exec(secret.metadata?.name ?? "")?.[1] ?? 0);
  try {
    const release = decodeRelease(secret.data?.release ?? "");
    const chart = release.chart?.metadata;
    return {
      release,
      revision: {
        revision: typeof release.version === "number" ? release.version : labelled,
        status: printable(release.info?.status ?? labels.status ?? "unknown"),
        chart: printable(`${chart?.name ?? "?"}-${chart?.version ?? "?"}`),
        chartName: chart?.name ? printable(chart.name) : null,
        chartVersion: chart?.version ? printable(chart.version) : null,
        appVersion: chart?.appVersion ? printable(chart.appVersion) : null,
        updated: isoTime(release.info?.last_deployed),
        description: boundedText(release.info?.description ?? "", 500),
      },
    };
  } catch {
    return {
      release: null,
      revision: { revision: labelled, status: printable(labels.status ?? "unknown"), chart: "?", chartName: null, chartVersion: null, appVersion: null, updated: null, description: "(release data could not be decoded)", undecodable: true },
    };
  }
}

/** Pure: history (oldest first, as helm history prints) and status (the latest revision) from the Secrets. */
export function releaseFromSecrets(name: string, namespace: string, secrets: V1Secret[]): HelmRelease | null {
  const decoded = secrets.map(revisionOf).sort((a, b) => a.revision.revision - b.revision.revision);
  const latest = decoded.at(-1);
  if (!latest) return null;
  const deployed = [...decoded].reverse().find((entry) => entry.revision.status === "deployed");
  return {
    history: decoded.map((entry) => entry.revision),
    status: {
      ...latest.revision,
      name: printable(name),
      namespace: printable(namespace),
      firstDeployed: isoTime(latest.release?.info?.first_deployed),
      // Rendered templates: charts print credentials here ("Your password is …").
      notes: redactLogLine(boundedText(latest.release?.info?.notes ?? "", 4_000)),
      values: redactValues(latest.release?.config ?? {}),
      deployedRevision: deployed?.revision.revision ?? null,
    },
  };
}

/** The release's history and status; not_found when it has no revisions in the namespace. */
export function readRelease(target: KubeTarget, namespace: string, release: string, deadlineMs: number): Promise<ConnectorResult<HelmRelease>> {
  if (!isReleaseName(release)) return Promise.resolve(failure("not_found", "not a Helm release name"));
  return kubeCall(target, deadlineMs, `Helm release secrets in ${namespace}`, async ({ options }) => {
    const secrets = await coreApi(target).listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${release}` }, options);
    const result = releaseFromSecrets(release, namespace, secrets.items.filter((secret) => secret.type === "helm.sh/release.v1"));
    if (!result) throw new KubeNotFoundError(`release ${release} not found in ${namespace}`);
    return result;
  });
}
