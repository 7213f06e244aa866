/**
 * The service page's log viewer against the lab's Kubernetes: a pod of the same namespace
 * that is not the service's (postgresql-0, a database's logs) is refused as not found, for
 * the tail and for follow, before anything is read; the service's own pod, and its
 * Deployment when no pod is named, are read. Reads only (no fault, no restart): no lab lock.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { labEnv } from "@/lab/core/lab-env";
import { kubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { listPods } from "@/lib/connectors/kubernetes/pods";
import { toPublicError } from "@/lib/server/report-error";
import { labCatalog } from "@/test/lab-catalog";
import { checkServicePod, logQuery, serviceLogs } from "./service-logs";

const SERVICE = "normalization-service";

beforeAll(() => {
  Object.assign(process.env, labEnv());
  // The catalog's defaults with the lab's environment, as `npm run demo` runs the console.
  const dir = mkdtempSync(path.join(tmpdir(), "console-config-"));
  writeFileSync(path.join(dir, "console.config.yaml"), "");
  process.env.CONSOLE_CONFIG = path.join(dir, "console.config.yaml");
});

async function ownPods(): Promise<string[]> {
  const pods = await listPods(kubeTarget(labCatalog().systems.kubernetes)!, "data-processing", `app=${SERVICE}`, 5_000);
  if (!pods.ok) throw new Error(pods.error.message);
  return pods.value.map((pod) => pod.name);
}

/** What the route answers for a use case's outcome: its status code (AppError → 4xx). */
async function statusOf(action: () => Promise<unknown>): Promise<number> {
  try {
    await action();
    return 200;
  } catch (error) {
    return toPublicError(error, "test").status;
  }
}

describe("logs of a service's pods on the lab", () => {
  it("postgresql-0 exists in the namespace, but the service's logs answer 404 for it, tail and follow alike", async () => {
    const query = logQuery.parse({ pod: "postgresql-0", tail: "20" });
    // The pod is real: a refusal is about membership, not about a missing pod.
    const database = await listPods(kubeTarget(labCatalog().systems.kubernetes)!, "data-processing", "", 5_000);
    expect(database.ok && database.value.map((pod) => pod.name)).toContain("postgresql-0");

    await expect(serviceLogs(SERVICE, query)).rejects.toMatchObject({ code: "not_found", userMessage: expect.stringContaining(`No pod named postgresql-0 belongs to ${SERVICE}`) });
    expect(await statusOf(() => serviceLogs(SERVICE, query))).toBe(404);
    // follow=1 checks the pod before the stream opens (the route awaits this)
    expect(await statusOf(() => checkServicePod(SERVICE, query))).toBe(404);
    // and another service's pod is as foreign as a database's
    const enrichment = await listPods(kubeTarget(labCatalog().systems.kubernetes)!, "data-processing", "app=enrichment-service", 5_000);
    expect(enrichment.ok).toBe(true);
    if (enrichment.ok) expect(await statusOf(() => serviceLogs(SERVICE, logQuery.parse({ pod: enrichment.value[0]!.name })))).toBe(404);
  });

  it("the service's own pod is read, and so is its Deployment when no pod is named", async () => {
    const [pod] = await ownPods();
    expect(pod).toMatch(new RegExp(`^${SERVICE}-`));

    const named = await serviceLogs(SERVICE, logQuery.parse({ pod, tail: "50" }));
    expect(named.ok).toBe(true);
    if (!named.ok) return;
    expect(named.value.pod).toBe(pod);
    expect(named.value.lines.length).toBeGreaterThan(0);
    expect(named.value.lines.some((line) => line.includes(`[${SERVICE}]`))).toBe(true);

    const checked = await checkServicePod(SERVICE, logQuery.parse({ pod }));
    expect(checked.ok).toBe(true);

    const deployment = await serviceLogs(SERVICE, logQuery.parse({ tail: "5" }));
    expect(deployment.ok && deployment.value.pod).toBe(pod);
  });
});
