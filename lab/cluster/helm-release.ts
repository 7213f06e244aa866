/**
 * The Helm v3 release `data-processing-pipeline`, stored the way Helm stores it (driver
 * "secret", helm/helm pkg/storage/driver/secrets.go): one Secret per revision named
 * `sh.helm.release.v1.<release>.v<N>`, type `helm.sh/release.v1`, labels owner=helm, name,
 * status, version, and `data.release` = base64(gzip(release JSON)) — which the API then
 * base64-encodes once more as Secret data. `helm history`/`helm status` read exactly this.
 *
 * History written by `lab up` (once): 1 install, 2 upgrade, 3 failed upgrade (an image
 * that was never pushed), 4 rollback to 2 … then 5 the current 2.4.1 upgrade.
 */
import zlib from "node:zlib";
import YAML from "yaml";
import { NAMESPACE } from "../core/paths.ts";
import { kubectl } from "../core/kube.ts";
import { CHART_VERSION, RELEASE, workloadManifests } from "./manifests.ts";
import { IMAGE_TAGS, WORKLOADS } from "./workloads.ts";

export type HelmStatus = "deployed" | "superseded" | "failed" | "pending-upgrade" | "pending-rollback";

export interface Revision {
  version: number;
  status: HelmStatus;
  chartVersion: string;
  appVersion: string;
  description: string;
  /** when it was deployed, as an offset from now (ms, negative = past) */
  deployedAgoMs: number;
}

const HOUR = 3_600_000;
export const BASE_HISTORY: Revision[] = [
  { version: 1, status: "superseded", chartVersion: "2.3.0", appVersion: "2.3.0", description: "Install complete", deployedAgoMs: 21 * 24 * HOUR },
  { version: 2, status: "superseded", chartVersion: "2.4.0", appVersion: "2.4.0", description: "Upgrade complete", deployedAgoMs: 9 * 24 * HOUR },
  {
    version: 3, status: "failed", chartVersion: "2.5.0-rc.1", appVersion: "2.5.0-rc.1",
    description: 'Upgrade "data-processing-pipeline" failed: context deadline exceeded', deployedAgoMs: 4 * 24 * HOUR,
  },
  { version: 4, status: "superseded", chartVersion: "2.4.0", appVersion: "2.4.0", description: "Rollback to 2", deployedAgoMs: 4 * 24 * HOUR - HOUR },
  { version: 5, status: "deployed", chartVersion: CHART_VERSION, appVersion: CHART_VERSION, description: "Upgrade complete", deployedAgoMs: 26 * HOUR },
];

const secretName = (version: number) => `sh.helm.release.v1.${RELEASE}.v${version}`;

function releaseJson(rev: Revision, firstDeployed: Date): string {
  const deployed = new Date(Date.now() - rev.deployedAgoMs).toISOString();
  const values = {
    image: { registry: "registry.254carbon.io/pipeline", tag: rev.appVersion, pullSecrets: ["registry-254carbon"] },
    kafka: { brokers: "kafka-0.kafka.data-processing.svc:9092", topics: { input: "market-data", normalized: "normalized-ticks" } },
    tracing: { enabled: true, samplingRate: 0.1 },
    resources: Object.fromEntries(WORKLOADS.map((w) => [w.name, w.resources])),
  };
  const manifest = WORKLOADS.filter((w) => w.runtime === "supervised")
    // the chart's app version tags the two services released with it; the producer and the
    // API client keep their own tags (as live), so `helm rollback` to a revision restores
    // exactly what that revision ran
    .flatMap((w) => workloadManifests(w, IMAGE_TAGS[w.name] === CHART_VERSION ? rev.appVersion : undefined, rev.chartVersion))
    .map((m) => `---\n# Source: ${RELEASE}/templates/${String((m.metadata as { name: string }).name)}.yaml\n${YAML.stringify(m)}`)
    .join("");
  return JSON.stringify({
    name: RELEASE,
    info: {
      first_deployed: firstDeployed.toISOString(),
      last_deployed: deployed,
      deleted: "",
      description: rev.description,
      status: rev.status,
      notes: "The 254Carbon data processing pipeline is deployed.\nCheck it: kubectl get pods -n data-processing\n",
    },
    chart: {
      metadata: { name: RELEASE, version: rev.chartVersion, description: "254Carbon market data processing pipeline", apiVersion: "v2", appVersion: rev.appVersion, type: "application" },
      lock: null,
      templates: [],
      values,
      schema: null,
      files: [],
    },
    config: { image: { tag: rev.appVersion } },
    manifest,
    version: rev.version,
    namespace: NAMESPACE,
  });
}

export function releaseSecret(rev: Revision, firstDeployed: Date) {
  const helmEncoded = zlib.gzipSync(releaseJson(rev, firstDeployed)).toString("base64"); // what Helm writes
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "helm.sh/release.v1",
    metadata: {
      name: secretName(rev.version),
      namespace: NAMESPACE,
      labels: { owner: "helm", name: RELEASE, status: rev.status, version: String(rev.version), modifiedAt: String(Math.floor(Date.now() / 1000)) },
    },
    data: { release: Buffer.from(helmEncoded).toString("base64") }, // the API's own base64 on top
  };
}

interface StoredRelease {
  version: number;
  status: string;
}

/** The revisions stored now (from the secrets' labels). */
export function storedRevisions(): StoredRelease[] {
  const out = kubectl(["get", "secrets", "-n", NAMESPACE, "-l", `owner=helm,name=${RELEASE}`, "-o", "json"]);
  const items = (JSON.parse(out) as { items: Array<{ metadata: { labels: Record<string, string> } }> }).items;
  return items.map((s) => ({ version: Number(s.metadata.labels.version), status: s.metadata.labels.status ?? "unknown" })).sort((a, b) => a.version - b.version);
}

/** Decodes one stored revision (the reverse of releaseSecret), as `helm get` does. */
export function readRelease(version: number): Record<string, unknown> {
  const out = kubectl(["get", "secret", "-n", NAMESPACE, secretName(version), "-o", "jsonpath={.data.release}"]);
  let bytes = Buffer.from(Buffer.from(out, "base64").toString(), "base64");
  if (bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) bytes = zlib.gunzipSync(bytes);
  return JSON.parse(bytes.toString()) as Record<string, unknown>;
}

function apply(secrets: unknown[]) {
  kubectl(["apply", "--server-side", "--force-conflicts", "--field-manager=lab", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "List", items: secrets }));
}

/** Writes the base history once (an existing release is left alone). */
export function ensureReleaseHistory(): void {
  if (storedRevisions().length > 0) return;
  const first = new Date(Date.now() - BASE_HISTORY[0]!.deployedAgoMs);
  apply(BASE_HISTORY.map((rev) => releaseSecret(rev, first)));
}

/**
 * Appends a revision. A successful one (deployed) marks the previously deployed revision
 * superseded, as `helm upgrade`/`helm rollback` do; a failed upgrade leaves it deployed.
 */
export function appendRevision(rev: Omit<Revision, "version" | "deployedAgoMs">): number {
  const stored = storedRevisions();
  const version = (stored.at(-1)?.version ?? 0) + 1;
  const first = new Date(Date.now() - BASE_HISTORY[0]!.deployedAgoMs);
  const secrets: unknown[] = [releaseSecret({ ...rev, version, deployedAgoMs: 0 }, first)];
  if (rev.status === "deployed") {
    for (const old of stored.filter((s) => s.status === "deployed")) {
      const decoded = readRelease(old.version) as { chart: { metadata: { version: string; appVersion: string } }; info: { description: string; last_deployed: string } };
      secrets.push(
        releaseSecret(
          {
            version: old.version, status: "superseded", chartVersion: decoded.chart.metadata.version, appVersion: decoded.chart.metadata.appVersion,
            description: decoded.info.description, deployedAgoMs: Date.now() - Date.parse(decoded.info.last_deployed),
          },
          first,
        ),
      );
    }
  }
  apply(secrets);
  return version;
}
