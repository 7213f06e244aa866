import { coreApi, type KubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { KubeNotFoundError, kubeCall } from "@/lib/connectors/kubernetes/kube-call";
import type { ConnectorResult } from "../result";
import { decodeRelease } from "./release-secret";
import { isReleaseName } from "./releases";

/**
 * `helm get manifest <release> --revision N` for every revision, read from the release's
 * Secrets: what a Helm rollback would put back, for the console's preview (a diff between
 * the deployed revision and the target). Revisions whose Secret cannot be decoded are left out.
 */
export interface RevisionManifest {
  revision: number;
  status: string;
  chartVersion: string | null;
  description: string;
  manifest: string;
}

export function readReleaseManifests(target: KubeTarget, namespace: string, release: string, deadlineMs: number): Promise<ConnectorResult<RevisionManifest[]>> {
  return kubeCall(target, deadlineMs, `Helm release secrets in ${namespace}`, async ({ options }) => {
    if (!isReleaseName(release)) throw new KubeNotFoundError("not a Helm release name");
    const secrets = await coreApi(target).listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${release}` }, options);
    const revisions: RevisionManifest[] = [];
    for (const secret of secrets.items) {
      if (secret.type !== "helm.sh/release.v1") continue;
      try {
        const decoded = decodeRelease(secret.data?.release ?? "");
        revisions.push({
          revision: decoded.version ?? Number(secret.metadata?.labels?.version ?? 0),
          status: decoded.info?.status ?? secret.metadata?.labels?.status ?? "unknown",
          chartVersion: decoded.chart?.metadata?.version ?? null,
          description: (decoded.info?.description ?? "").slice(0, 500),
          manifest: decoded.manifest ?? "",
        });
      } catch {
        // an undecodable revision cannot be previewed; helm history still lists it
      }
    }
    if (!revisions.length) throw new KubeNotFoundError(`release ${release} not found in ${namespace}`);
    return revisions.sort((a, b) => a.revision - b.revision);
  });
}
