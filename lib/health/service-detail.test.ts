import { describe, expect, it } from "vitest";
import { viewerHelmStatus } from "./service-detail";

describe("viewerHelmStatus", () => {
  it("gives viewers neither the release's values nor its notes", () => {
    const status = {
      revision: 2, status: "deployed", chart: "p-1.0.0", chartName: "p", chartVersion: "1.0.0", appVersion: "1.0.0", updated: null, description: "Upgrade complete",
      name: "p", namespace: "dp", firstDeployed: null, notes: "Your password is hunter2", values: { db: { password: "***" } }, deployedRevision: 2,
    };
    const shown = viewerHelmStatus(status);
    expect(shown).toMatchObject({ revision: 2, status: "deployed", description: "Upgrade complete" });
    expect(JSON.stringify(shown)).not.toContain("hunter2");
    expect(shown).not.toHaveProperty("notes");
    expect(shown).not.toHaveProperty("values");
  });
});
