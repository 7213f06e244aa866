import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { probeGrafana } from "@/lib/health/systems/grafana";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { datasources } from "./datasources";

/**
 * Grafana is not in the lab (lab/README.md): only the paths that need no Grafana are
 * exercised here, against local sockets: not configured, unreachable, a hung server.
 */
const TOKEN = "glsa_secret-token-value";

describe("grafana.datasources and probeGrafana without Grafana", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("says it is not in the lab", () => {
    expect(datasources.lab).toMatch(/^Grafana is not in the lab/);
  });

  it("is skipped / not configured without GRAFANA_URL", async () => {
    expect(await runCheck(datasources, labContext())).toMatchObject({ verdict: "skipped", summary: expect.stringMatching(/^not configured: no Grafana URL/) });
    expect(await probeGrafana(labContext())).toMatchObject({ status: "not_configured" });
  });

  it("is an error when unreachable, and never shows the token", async () => {
    const context = labContext({ overrides: { GRAFANA_URL: `http://127.0.0.1:${await closedPort()}`, GRAFANA_TOKEN: TOKEN } });
    const result = await runCheck(datasources, context);
    expect(result).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(await probeGrafana(context)).toMatchObject({ status: "unknown" });
  });

  it("times out on a hung server within the deadline", async () => {
    const context = labContext({ overrides: { GRAFANA_URL: `http://127.0.0.1:${hole.port}`, GRAFANA_TOKEN: TOKEN }, deadlineMs: 400 });
    const result = await runCheck(datasources, context);
    expect(result).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(await probeGrafana(context)).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^timeout/)] });
  });

  it("without a token: an unreachable Grafana is still an error, not a skip", async () => {
    const result = await runCheck(datasources, labContext({ overrides: { GRAFANA_URL: `http://127.0.0.1:${await closedPort()}`, GRAFANA_TOKEN: undefined } }));
    expect(result).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
  });
});
