import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closedPort } from "@/test/sockets";
import { LAB_KUBECONFIG } from "./lab-fixtures";
import { listPods } from "./pods";

/** Against the lab's kube-apiserver (npm run lab -- up writes .lab/kubeconfig). */
const LAB = { kubeconfig: LAB_KUBECONFIG };

describe("Kubernetes pods (lab)", () => {
  it("lists a service's pods with phase, readiness and restarts, like kubectl get pods -l", async () => {
    const result = await listPods(LAB, "data-processing", "app=normalization-service", 5_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.length).toBeGreaterThan(0);
    expect(result.value[0]).toMatchObject({ name: expect.stringContaining("normalization-service"), phase: expect.any(String), restarts: expect.any(Number) });
  });

  it("says unreachable for a kubeconfig that points nowhere, without leaking its credentials", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "kubeconfig-"));
    const file = path.join(dir, "config");
    await writeFile(
      file,
      `apiVersion: v1\nkind: Config\nclusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:${await closedPort()}"}}]\nusers: [{name: u, user: {token: "s3cret-token"}}]\ncontexts: [{name: c, context: {cluster: nowhere, user: u}}]\ncurrent-context: c\n`,
    );
    const result = await listPods({ kubeconfig: file }, "data-processing", "app=x", 3_000);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("unreachable");
      expect(result.error.message).not.toContain("s3cret-token");
    }
  });
});
