import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApiException, type V1Pod, type V1Secret } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { containerEnv } from "./container-env";
import { newestFirst, summarizeEvent } from "./events";
import { imagePulls } from "./image-pulls";
import { classifyKubeError, loadKubeConfig } from "./kube-call";
import { joinPodUsage } from "./metrics";
import { pickPod, pickTroubledPod } from "./resolve-pod";
import { secretsOverview } from "./secrets";

describe("kubeconfig problems are said in words", () => {
  it("names a kubeconfig that does not exist", () => {
    const error = (() => {
      try {
        loadKubeConfig({ kubeconfig: "/nonexistent/kubeconfig" });
      } catch (caught) {
        return classifyKubeError(caught);
      }
    })();
    expect(error).toEqual({ kind: "not_found", message: "kubeconfig /nonexistent/kubeconfig does not exist" });
  });

  it("names a kubeconfig that cannot be parsed or names no cluster", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "kubeconfig-"));
    for (const text of ["{{{ not yaml", "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n"]) {
      const file = path.join(dir, `config-${text.length}`);
      await writeFile(file, text);
      let error;
      try {
        loadKubeConfig({ kubeconfig: file });
      } catch (caught) {
        error = classifyKubeError(caught);
      }
      expect(error?.kind).toBe("bad_response");
      expect(error?.message).toMatch(new RegExp(`kubeconfig ${file} (cannot be read|names no current cluster)`));
    }
  });

  it("classifies API statuses and network codes without leaking the body's secrets", () => {
    expect(classifyKubeError(new ApiException(401, "Unauthorized", undefined, {}))).toMatchObject({ kind: "unauthorized" });
    expect(classifyKubeError(new ApiException(404, "x", undefined, {}), "pod data-processing/x")).toEqual({ kind: "not_found", message: "pod data-processing/x not found" });
    expect(classifyKubeError(new ApiException(400, "x", { message: "bad token=abc123" }, {})).message).not.toContain("abc123");
    expect(classifyKubeError(Object.assign(new Error("request failed"), { code: "ECONNREFUSED" }))).toMatchObject({ kind: "unreachable" });
    expect(classifyKubeError(Object.assign(new Error("x"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })).message).toMatch(/TLS/);
  });
});

const pod = (name: string, extra: Partial<V1Pod> = {}): V1Pod => ({ metadata: { name, creationTimestamp: new Date("2026-01-01T00:00:00Z") }, spec: { containers: [{ name: "app", image: "img:1" }] }, ...extra });

describe("pure connector logic", () => {
  it("pickPod prefers a running ready pod over a newer one stuck pulling", () => {
    const old = pod("svc-old", { status: { phase: "Running", containerStatuses: [{ name: "app", ready: true, restartCount: 0, image: "img:1", imageID: "" }] } });
    const stuck = pod("svc-new", { metadata: { name: "svc-new", creationTimestamp: new Date("2026-02-01T00:00:00Z") }, status: { phase: "Pending", containerStatuses: [{ name: "app", ready: false, restartCount: 0, image: "img:2", imageID: "", state: { waiting: { reason: "ErrImagePull" } } }] } });
    expect(pickPod([stuck, old])?.metadata?.name).toBe("svc-old");
    expect(pickPod([stuck])?.metadata?.name).toBe("svc-new");
    expect(pickPod([])).toBeNull();
  });

  it("pickTroubledPod, for describe, takes the pod stuck pulling over the older one serving; else not ready, else restarted, else newest", () => {
    const serving = pod("svc-old", { status: { phase: "Running", containerStatuses: [{ name: "app", ready: true, restartCount: 0, image: "img:1", imageID: "" }] } });
    const stuck = pod("svc-new", { metadata: { name: "svc-new", creationTimestamp: new Date("2025-12-01T00:00:00Z") }, status: { phase: "Pending", containerStatuses: [{ name: "app", ready: false, restartCount: 0, image: "img:2", imageID: "", state: { waiting: { reason: "ErrImagePull" } } }] } });
    const restarted = pod("svc-restarted", { status: { phase: "Running", containerStatuses: [{ name: "app", ready: true, restartCount: 3, image: "img:1", imageID: "" }] } });
    const newer = pod("svc-newer", { metadata: { name: "svc-newer", creationTimestamp: new Date("2026-03-01T00:00:00Z") }, status: serving.status });
    expect(pickTroubledPod([serving, stuck])?.metadata?.name).toBe("svc-new");
    expect(pickTroubledPod([serving, restarted])?.metadata?.name).toBe("svc-restarted");
    expect(pickTroubledPod([serving, newer])?.metadata?.name).toBe("svc-newer");
    expect(pickTroubledPod([])).toBeNull();
  });

  it("secrets: never values, key counts, and a referenced pull secret that is missing", () => {
    const secrets: V1Secret[] = [
      { metadata: { name: "registry-254carbon" }, type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": "c2VjcmV0" } },
      { metadata: { name: "db" }, type: "Opaque", data: { password: "aHVudGVyMg==", user: "dQ==" } },
    ];
    const pods = [pod("a", { spec: { containers: [], imagePullSecrets: [{ name: "registry-254carbon" }, { name: "gone" }] } })];
    const overview = secretsOverview(secrets, pods);
    expect(JSON.stringify(overview)).not.toMatch(/c2VjcmV0|aHVudGVyMg/);
    expect(overview.secrets).toEqual([
      expect.objectContaining({ name: "db", type: "Opaque", keys: 2, referencedBy: [] }),
      expect.objectContaining({ name: "registry-254carbon", keys: 1, referencedBy: ["a"] }),
    ]);
    expect(overview.pullSecrets).toEqual([
      { name: "gone", exists: false, type: null, pods: ["a"] },
      { name: "registry-254carbon", exists: true, type: "kubernetes.io/dockerconfigjson", pods: ["a"] },
    ]);
  });

  it("env: literals shown, secret refs named but not resolved, secret-looking literals redacted", () => {
    const entries = containerEnv(
      [
        {
          name: "app",
          env: [
            { name: "TRACING_ENABLED", value: "true" },
            { name: "TRACING_TOKEN", value: "s3cr3t" },
            { name: "TRACING_API_KEY", valueFrom: { secretKeyRef: { name: "tracing", key: "api-key" } } },
            { name: "OTHER", value: "x" },
          ],
        },
      ],
      "tracing",
    );
    expect(entries.map((entry) => `${entry.name}=${entry.shown}`)).toEqual(["TRACING_ENABLED=true", "TRACING_TOKEN=(redacted)", "TRACING_API_KEY=(from secret tracing/api-key)"]);
  });

  it("events newest first by lastTimestamp or eventTime, messages bounded", () => {
    const events = newestFirst([
      summarizeEvent({ metadata: {}, involvedObject: {}, lastTimestamp: new Date("2026-01-01T00:00:00Z"), reason: "Old", message: "m".repeat(5_000) }),
      summarizeEvent({ metadata: {}, involvedObject: {}, eventTime: new Date("2026-01-02T00:00:00Z"), reason: "New", type: "Warning" }),
    ]);
    expect(events.map((event) => event.reason)).toEqual(["New", "Old"]);
    expect(events[1]!.message.length).toBeLessThan(1_100);
  });

  it("top pods: usage against the limit, null without one", () => {
    const usage = joinPodUsage(
      [{ metadata: { name: "a" }, containers: [{ name: "app", usage: { cpu: "51m", memory: "350Mi" } }] }, { metadata: { name: "b" }, containers: [{ name: "app", usage: { cpu: "1m", memory: "10Mi" } }] }],
      [pod("a", { spec: { containers: [{ name: "app", resources: { limits: { memory: "384Mi", cpu: "1" }, requests: { memory: "128Mi" } } }] } }), pod("b")],
    );
    expect(usage[0]).toMatchObject({ name: "a", cpuMillicores: 51, memoryBytes: 350 * 2 ** 20, memoryLimitBytes: 384 * 2 ** 20, memoryOfLimit: 0.911, cpuOfLimit: 0.051 });
    expect(usage[1]).toMatchObject({ name: "b", memoryLimitBytes: null, memoryOfLimit: null });
  });

  it("event messages with a credential in them are masked, the rest kept", () => {
    const event = summarizeEvent({
      metadata: {},
      involvedObject: { kind: "Pod", name: "svc-1" },
      reason: "Failed",
      message: 'Failed to pull image "reg/svc:1": https://robot:s3cr3t@reg.example/v2/ unauthorized; config {"password": "hunter2"}',
    });
    expect(event.message).toBe('Failed to pull image "reg/svc:1": https://***:***@reg.example/v2/ unauthorized; config {"password": "***"}');
  });

  it("image pulls: the waiting reason, the kubelet message and the pull event", () => {
    const stuck = pod("svc-new", {
      spec: { containers: [{ name: "app", image: "reg/svc:2.5.0" }], imagePullSecrets: [{ name: "registry-254carbon" }] },
      status: { containerStatuses: [{ name: "app", ready: false, restartCount: 0, image: "reg/svc:2.5.0", imageID: "", state: { waiting: { reason: "ImagePullBackOff", message: "Back-off pulling image" } } }] },
    });
    const result = imagePulls([stuck, pod("ok")], [{ metadata: {}, type: "Warning", reason: "Failed", message: 'Failed to pull image "reg/svc:2.5.0": not found', involvedObject: { kind: "Pod", name: "svc-new" }, lastTimestamp: new Date() }]);
    expect(result.failures).toEqual([
      { pod: "svc-new", container: "app", image: "reg/svc:2.5.0", reason: "ImagePullBackOff", message: "Back-off pulling image", event: 'Failed to pull image "reg/svc:2.5.0": not found', pullSecrets: ["registry-254carbon"] },
    ]);
    expect(imagePulls([stuck, pod("ok")], [], "img:1")).toEqual({ images: [{ image: "img:1", pods: ["ok"] }], failures: [] });
  });
});
