/**
 * Faults Kubernetes reports: what the API server says about the pods follows the real
 * processes (crash loop, OOM kill), the image pull, and the Helm release history.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { waitFor, livePid } from "../core/proc.ts";
import { NAMESPACE } from "../core/paths.ts";
import { helm } from "../cluster/helm-cli.ts";
import { readRelease, storedRevisions } from "../cluster/helm-release.ts";
import { setFault } from "../core/fault-state.ts";
import { fault, healAll } from "../faults/registry.ts";
import { MISSING_TAG } from "../faults/image-pull.ts";
import { kubectl, pods, podStatusColumn } from "./runbook.ts";

// a failed test must not leave its fault behind for the next one
afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  await healAll({ quiet: true });
});

const container = (app: string) => pods(`app=${app}`).filter((p) => !p.metadata.deletionTimestamp)[0]?.status.containerStatuses?.[0];

describe("crashloop", () => {
  it("normalization-service goes CrashLoopBackOff with rising restarts and no process; heal restores it", async () => {
    await fault("crashloop").inject();
    const pod = await waitFor("CrashLoopBackOff", () => {
      const p = pods("app=normalization-service")[0];
      return p?.status.containerStatuses?.[0]?.state.waiting?.reason === "CrashLoopBackOff" ? p : null;
    }, 30_000);
    // as a kubelet serves it: the crashed container's log is `--previous` at once, during the back-off
    // (when a responder reads it), not only once the next instance has started
    expect(kubectl(["logs", "-n", NAMESPACE, pod.metadata.name, "--previous"])).toMatch(/FATAL .*(invalid configuration|configuration reload failed)/);
    const firstRestarts = pod.status.containerStatuses![0]!.restartCount;
    await waitFor("restarts rising", () => (container("normalization-service")?.restartCount ?? 0) > firstRestarts, 30_000);
    // between back-offs the container briefly runs (and crashes again), as with a kubelet
    await waitFor("STATUS column CrashLoopBackOff", () => podStatusColumn(pod.metadata.name) === "CrashLoopBackOff", 30_000);
    expect(container("normalization-service")!.lastState.terminated).toMatchObject({ reason: "Error", exitCode: 1 });
    // the process really stops: nothing answers on its health port
    await expect(fetch("http://127.0.0.1:18080/health", { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    const describe = kubectl(["describe", "pod", "-n", NAMESPACE, pod.metadata.name]);
    expect(describe).toMatch(/Back-off restarting failed container/);
    expect(kubectl(["logs", "-n", NAMESPACE, pod.metadata.name, "--previous"])).toMatch(/FATAL .*(invalid configuration|configuration reload failed)/);
    await fault("crashloop").heal();
    await waitFor("Running and Ready again", () => container("normalization-service")?.ready === true && container("normalization-service")?.restartCount === 0, 60_000);
    expect((await fetch("http://127.0.0.1:18080/health")).status).toBe(200);
  });
});

describe("image-pull", () => {
  it("the new enrichment-service pod is in ImagePullBackOff with pull events; heal rolls back", async () => {
    await fault("image-pull").inject();
    const bad = await waitFor("ImagePullBackOff", () => pods("app=enrichment-service").find((p) => p.spec.containers[0]!.image.endsWith(`:${MISSING_TAG}`) && p.status.containerStatuses?.[0]?.state.waiting?.reason === "ImagePullBackOff"), 30_000);
    expect(podStatusColumn(bad.metadata.name)).toBe("ImagePullBackOff");
    const describe = kubectl(["describe", "pod", "-n", NAMESPACE, bad.metadata.name]);
    expect(describe).toMatch(/Failed to pull image ".*:2\.5\.0".*not found/);
    expect(kubectl(["get", "events", "-n", NAMESPACE, "--sort-by=.lastTimestamp"])).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(kubectl(["get", "secrets", "-n", NAMESPACE])).toMatch(/registry-254carbon\s+kubernetes\.io\/dockerconfigjson/);
    // the old pod keeps serving
    expect(pods("app=enrichment-service").some((p) => p.status.containerStatuses?.[0]?.ready)).toBe(true);
    await fault("image-pull").heal();
    await waitFor("bad pod gone", () => !pods("app=enrichment-service").some((p) => p.spec.containers[0]!.image.endsWith(`:${MISSING_TAG}`)), 30_000);
  });
});

describe("oom", () => {
  it("enrichment-service is OOMKilled (exit 137) after memory climbs toward its limit; heal stops it with a fresh pod", async () => {
    await fault("oom").inject();
    // memory near the limit, as kubectl top / the pod annotations see it
    await waitFor("memory above 250Mi", () => {
      const p = kubectl(["get", "pods", "-n", NAMESPACE, "-l", "app=enrichment-service", "-o", "jsonpath={.items[0].metadata.annotations.kwok\\.x-k8s\\.io/usage-memory}"]);
      return Number(p.replace("Mi", "")) > 250;
    }, 90_000, 1_000);
    await waitFor("OOMKilled", () => container("enrichment-service")?.lastState.terminated?.reason === "OOMKilled", 90_000);
    expect(container("enrichment-service")!.lastState.terminated!.exitCode).toBe(137);
    expect(kubectl(["describe", "pod", "-n", NAMESPACE, "-l", "app=enrichment-service"])).toMatch(/OOMKilled/);
    expect(kubectl(["get", "events", "-n", NAMESPACE])).toMatch(/OOMKilling/);
    const grown = pods("app=enrichment-service").filter((p) => !p.metadata.deletionTimestamp)[0]!.metadata.name;
    // heal stops the leak and replaces the pod (a grown process keeps its memory)
    await fault("oom").heal();
    const fresh = () => pods("app=enrichment-service").find((p) => !p.metadata.deletionTimestamp && p.metadata.name !== grown);
    await waitFor("a fresh pod ready", () => fresh()?.status.containerStatuses?.[0]?.ready === true, 90_000);
    await new Promise((r) => setTimeout(r, 15_000)); // a stretch in which a leak would have killed it again
    expect(fresh()!.status.containerStatuses![0]!.restartCount).toBe(0);
    expect(fresh()!.status.containerStatuses![0]!.ready).toBe(true);
  });
});

describe("helm-failed", () => {
  it("helm history gets a failed revision; heal rolls back with a new deployed revision", async () => {
    const before = storedRevisions();
    await fault("helm-failed").inject();
    const failed = storedRevisions().at(-1)!;
    expect(failed.version).toBe(before.at(-1)!.version + 1);
    expect(failed.status).toBe("failed");
    expect((readRelease(failed.version) as { info: { description: string } }).info.description).toMatch(/Upgrade .* failed/);
    expect(kubectl(["get", "secrets", "-n", NAMESPACE, "-l", "owner=helm,status=deployed", "-o", "name"]).trim().split("\n")).toHaveLength(1);
    expect(helm(["history", "data-processing-pipeline", "-n", NAMESPACE, "--max", "1"])).toMatch(/failed/);
    await fault("helm-failed").heal();
    const after = storedRevisions();
    expect(after.at(-1)!.status).toBe("deployed");
    expect((readRelease(after.at(-1)!.version) as { info: { description: string } }).info.description).toMatch(/^Rollback to \d+/);
    expect(after.filter((r) => r.status === "deployed")).toHaveLength(1);
    expect(helm(["status", "data-processing-pipeline", "-n", NAMESPACE])).toMatch(/STATUS: deployed/);
  });
});

describe("helm-failed cleared by the runbook's own operation", () => {
  it("the real helm v4 `helm rollback` writes a deployed \"Rollback to N\" and leaves the Deployments' images as they were", async () => {
    const images = () => kubectl(["get", "deployments", "-n", NAMESPACE, "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.template.spec.containers[0].image}{\"\\n\"}{end}"]);
    const before = images();
    await fault("helm-failed").inject();
    const failed = storedRevisions().at(-1)!;
    expect(failed.status).toBe("failed");
    expect(helm(["rollback", "data-processing-pipeline", "-n", NAMESPACE])).toMatch(/Rollback was a success/);
    const history = helm(["history", "data-processing-pipeline", "-n", NAMESPACE, "--max", "2"]);
    expect(history).toMatch(new RegExp(`${failed.version + 1}\\s.*deployed.*Rollback to ${failed.version - 1}`));
    expect(storedRevisions().filter((r) => r.status === "deployed")).toEqual([{ version: failed.version + 1, status: "deployed" }]);
    // the revision rolled back to ran the images that run now
    expect(images()).toBe(before);
    // the symptom is gone: the fault's switch only remains
    setFault("helm-failed", false);
  });
});

describe("the lab controller", () => {
  it("is running", () => {
    expect(livePid("lab-controller")).not.toBeNull();
  });
});
