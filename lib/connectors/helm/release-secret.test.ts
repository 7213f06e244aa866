import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { releaseFromSecrets } from "./releases";
import { REDACTED, decodeRelease, redactValues } from "./release-secret";

/** A Secret's data.release as client-node returns it: base64 (API) of base64 (Helm) of gzip of JSON. */
const stored = (release: object, gzip = true) => {
  const json = Buffer.from(JSON.stringify(release));
  const helm = (gzip ? zlib.gzipSync(json) : json).toString("base64");
  return Buffer.from(helm).toString("base64");
};

const release = (version: number, status: string, chartVersion: string, description: string) => ({
  name: "data-processing-pipeline",
  version,
  namespace: "data-processing",
  info: { status, description, last_deployed: `2026-11-2${version}T07:00:00Z`, first_deployed: "2026-11-01T07:00:00Z", notes: "Check it: kubectl get pods" },
  chart: { metadata: { name: "data-processing-pipeline", version: chartVersion, appVersion: chartVersion } },
  config: { image: { tag: chartVersion }, db: { password: "hunter2", host: "pg" } },
});

describe("Helm release secrets", () => {
  it("decodes Helm's storage format (gzip or not)", () => {
    expect(decodeRelease(stored(release(3, "failed", "2.5.0-rc.1", "boom"))).info?.status).toBe("failed");
    expect(decodeRelease(stored(release(1, "deployed", "2.3.0", "ok"), false)).version).toBe(1);
    expect(() => decodeRelease(Buffer.from("not base64 of json").toString("base64"))).toThrow();
  });

  it("history oldest first; status is the latest revision with the deployed one named; values redacted", () => {
    const secret = (version: number, status: string, chart: string, description: string) => ({
      metadata: { name: `sh.helm.release.v1.data-processing-pipeline.v${version}`, labels: { owner: "helm", name: "data-processing-pipeline", status, version: String(version) } },
      type: "helm.sh/release.v1",
      data: { release: stored(release(version, status, chart, description)) },
    });
    const result = releaseFromSecrets("data-processing-pipeline", "data-processing", [
      secret(3, "failed", "2.5.0-rc.1", "Upgrade failed: context deadline exceeded"),
      secret(1, "superseded", "2.3.0", "Install complete"),
      secret(2, "deployed", "2.4.0", "Upgrade complete"),
      { metadata: { name: "sh.helm.release.v1.data-processing-pipeline.v4", labels: { status: "superseded", version: "4" } }, type: "helm.sh/release.v1", data: { release: "!!!" } },
    ])!;
    expect(result.history.map((revision) => [revision.revision, revision.status, revision.chart])).toEqual([
      [1, "superseded", "data-processing-pipeline-2.3.0"],
      [2, "deployed", "data-processing-pipeline-2.4.0"],
      [3, "failed", "data-processing-pipeline-2.5.0-rc.1"],
      [4, "superseded", "?"],
    ]);
    expect(result.history[3]!.undecodable).toBe(true);
    expect(result.status).toMatchObject({ revision: 4, deployedRevision: 2 });
    expect(releaseFromSecrets("x", "y", [])).toBeNull();
  });

  it("redacts values under secret-looking keys at any depth, keeping shape and booleans", () => {
    const values = {
      image: { tag: "2.4.1", pullSecrets: ["registry-254carbon"] },
      db: { password: "hunter2", host: "pg", port: 5432 },
      auth: { enabled: true, token: "abc", nested: { value: "x" } },
      apiKey: 12345,
      list: [{ clientSecret: "s" }, { name: "ok" }],
      note: "n".repeat(3_000),
    };
    const redacted = redactValues(values) as typeof values;
    expect(redacted.image.tag).toBe("2.4.1");
    expect(redacted.image.pullSecrets).toEqual([REDACTED]);
    expect(redacted.db).toEqual({ password: REDACTED, host: "pg", port: 5432 });
    expect(redacted.auth).toEqual({ enabled: true, token: REDACTED, nested: { value: REDACTED } });
    expect(redacted.apiKey).toBe(REDACTED);
    expect(redacted.list).toEqual([{ clientSecret: REDACTED }, { name: "ok" }]);
    expect(redacted.note.length).toBeLessThan(2_100);
    expect(JSON.stringify(redacted)).not.toMatch(/hunter2|abc|12345/);
  });

  it("redacts credentials that a chart's notes print", () => {
    const withNotes = { ...release(1, "deployed", "2.3.0", "ok"), info: { status: "deployed", notes: "Connect with:\n  PGPASSWORD=hunter2 psql -h pg\n  redis-cli -u redis://:redispw@redis:6379\n  password: s3cret" } };
    const result = releaseFromSecrets("data-processing-pipeline", "data-processing", [
      { metadata: { name: "sh.helm.release.v1.data-processing-pipeline.v1", labels: { owner: "helm", version: "1" } }, data: { release: stored(withNotes) } },
    ])!;
    expect(result.status.notes).toContain("Connect with:");
    for (const secret of ["hunter2", "redispw", "s3cret"]) expect(result.status.notes).not.toContain(secret);
  });
});
