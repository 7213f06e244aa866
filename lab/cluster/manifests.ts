/**
 * The Kubernetes objects of the lab pipeline, as the production Helm chart
 * `data-processing-pipeline` would render them: namespaces, the image pull secret, the TLS
 * secrets, a Deployment or StatefulSet plus a Service per workload (cluster/workloads.ts).
 * All pods are pinned to pipeline-node-1, whose status the lab controller owns.
 *
 * `imageTags` overrides let faults and Helm revisions render other versions.
 */
import fs from "node:fs";
import { CA_CERT, certPaths } from "../core/certs.ts";
import { MONITORING_NAMESPACE, NAMESPACE } from "../core/paths.ts";
import { PIPELINE_NODE } from "./pipeline-node.ts";
import { REGISTRY, WORKLOADS, type Workload } from "./workloads.ts";

export const RELEASE = "data-processing-pipeline";
export const CHART_VERSION = "2.4.1";
export const PULL_SECRET = "registry-254carbon";

type Obj = Record<string, unknown>;
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

const helmLabels = (chartVersion: string) => ({
  "app.kubernetes.io/managed-by": "Helm",
  "app.kubernetes.io/instance": RELEASE,
  "app.kubernetes.io/part-of": "254carbon-pipeline",
  "helm.sh/chart": `${RELEASE}-${chartVersion}`,
});
const helmAnnotations = { "meta.helm.sh/release-name": RELEASE, "meta.helm.sh/release-namespace": NAMESPACE };

function podLabels(w: Workload): Record<string, string> {
  return { app: w.name, "app.kubernetes.io/name": w.name, "app.kubernetes.io/instance": RELEASE, ...w.labels };
}

function container(w: Workload, image: string): Obj {
  const env = [
    { name: "SERVICE_NAME", value: w.name },
    { name: "KAFKA_BROKERS", value: "kafka-0.kafka.data-processing.svc:9092" },
    { name: "TRACING_ENABLED", value: "true" },
    { name: "TRACING_SAMPLING_RATE", value: "0.1" },
    { name: "TRACING_ENDPOINT", value: "http://jaeger.data-processing.svc:4318/v1/traces" },
  ];
  return {
    name: w.name,
    image,
    imagePullPolicy: "IfNotPresent",
    ports: Object.entries(w.containerPorts).map(([name, containerPort]) => ({ name, containerPort, protocol: "TCP" })),
    resources: w.resources,
    ...(w.runtime === "supervised"
      ? {
          env,
          volumeMounts: [{ name: "certs", mountPath: "/etc/certs", readOnly: true }],
          ...(w.containerPorts.http ? { readinessProbe: { httpGet: { path: "/health", port: "http" }, periodSeconds: 5 }, livenessProbe: { httpGet: { path: "/health", port: "http" }, periodSeconds: 10, failureThreshold: 6 } } : {}),
        }
      : {}),
  };
}

export function workloadManifests(w: Workload, imageTag?: string, chartVersion = CHART_VERSION): Obj[] {
  const image = imageTag ? w.image.replace(/:[^:/]+$/, `:${imageTag}`) : w.image;
  const labels = podLabels(w);
  const template = {
    metadata: {
      labels,
      annotations: {
        // where the lab's real process listens (the in-cluster ports have no data path)
        "lab.254carbon.io/endpoints": JSON.stringify(w.endpoints),
        ...(w.runtime === "supervised" ? { "prometheus.io/scrape": "true", "prometheus.io/port": "9090" } : {}),
      },
    },
    spec: {
      nodeSelector: { "kubernetes.io/hostname": PIPELINE_NODE },
      imagePullSecrets: [{ name: PULL_SECRET }],
      terminationGracePeriodSeconds: 10,
      containers: [container(w, image)],
      ...(w.runtime === "supervised" ? { volumes: [{ name: "certs", secret: { secretName: w.name === "enrichment-service" ? "enrichment-service-tls" : "normalization-service-tls", optional: true } }] } : {}),
    },
  };
  const meta = { name: w.name, namespace: w.namespace, labels: { ...labels, ...helmLabels(chartVersion) }, annotations: helmAnnotations };
  const workloadObj: Obj =
    w.kind === "Deployment"
      ? {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: meta,
          spec: {
            replicas: 1,
            revisionHistoryLimit: 5,
            progressDeadlineSeconds: 120,
            selector: { matchLabels: { app: w.name } },
            // a new pod must be Ready before the old one goes: a bad image leaves the old one serving
            strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
            template,
          },
        }
      : {
          apiVersion: "apps/v1",
          kind: "StatefulSet",
          metadata: meta,
          spec: { replicas: 1, serviceName: w.name, selector: { matchLabels: { app: w.name } }, template },
        };
  const service: Obj = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { ...meta },
    spec: {
      selector: { app: w.name },
      ...(w.kind === "StatefulSet" ? { clusterIP: "None" } : {}),
      ports: Object.entries(w.containerPorts).map(([name, port]) => ({ name, port, targetPort: name, protocol: "TCP" })),
    },
  };
  return Object.keys(w.containerPorts).length ? [workloadObj, service] : [workloadObj];
}

function tlsSecret(name: string, files: { cert: string; key: string }): Obj | null {
  if (!fs.existsSync(files.cert)) return null;
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "kubernetes.io/tls",
    metadata: { name, namespace: NAMESPACE, labels: helmLabels(CHART_VERSION), annotations: helmAnnotations },
    data: { "tls.crt": b64(fs.readFileSync(files.cert)), "tls.key": b64(fs.readFileSync(files.key)), "ca.crt": b64(fs.readFileSync(CA_CERT)) },
  };
}

export function tlsSecrets(): Obj[] {
  return [
    tlsSecret("normalization-service-tls", certPaths("normalization-service", "server")),
    tlsSecret("enrichment-service-tls", certPaths("enrichment-service", "client")),
  ].filter((s): s is Obj => s !== null);
}

export function baseManifests(): Obj[] {
  const namespaces = [NAMESPACE, MONITORING_NAMESPACE].map((name) => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "app.kubernetes.io/part-of": "254carbon-pipeline" } },
  }));
  const dockerConfig = { auths: { [REGISTRY.split("/")[0]!]: { username: "lab-pull", password: "lab-only", auth: b64("lab-pull:lab-only") } } };
  const pullSecrets = [NAMESPACE, MONITORING_NAMESPACE].map((namespace) => ({
    apiVersion: "v1",
    kind: "Secret",
    type: "kubernetes.io/dockerconfigjson",
    metadata: { name: PULL_SECRET, namespace },
    data: { ".dockerconfigjson": b64(JSON.stringify(dockerConfig)) },
  }));
  return [...namespaces, ...pullSecrets, ...tlsSecrets(), ...WORKLOADS.flatMap((w) => workloadManifests(w))];
}

/** `kubectl apply` input: a v1 List. */
export const asList = (items: Obj[]) => JSON.stringify({ apiVersion: "v1", kind: "List", items });
