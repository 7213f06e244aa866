import { describe, expect, it } from "vitest";
import { judgeDataSources } from "./datasources";

const sources = [
  { uid: "prom", name: "Prometheus", type: "prometheus" },
  { uid: "es", name: "Jaeger traces", type: "elasticsearch" },
];

describe("grafana.datasources verdict", () => {
  it("is ok when every tested data source works", () => {
    expect(judgeDataSources({ health: { database: "ok", version: "10.4.1" }, sources, tests: [{ uid: "prom", status: "OK", message: "" }, { uid: "es", status: "OK", message: "" }], untested: 0 })).toMatchObject({ verdict: "ok", summary: "2 data sources, 2 working, Grafana 10.4.1 database ok" });
  });

  it("fails naming the failing data source with Grafana's message, or a failing database", () => {
    expect(judgeDataSources({ health: null, sources, tests: [{ uid: "prom", status: "OK", message: "" }, { uid: "es", status: "ERROR", message: "connection refused" }], untested: 0 })).toMatchObject({ verdict: "fail", summary: "2 data sources, 1 working, failing: Jaeger traces (connection refused)" });
    expect(judgeDataSources({ health: { database: "failing", version: null }, sources, tests: [], untested: 2 })).toMatchObject({ verdict: "fail", summary: "2 data sources, 0 working, 2 not tested, Grafana ? database failing" });
  });

  it("warns when Grafana has no data source at all", () => {
    expect(judgeDataSources({ health: { database: "ok", version: "10.4.1" }, sources: [], tests: [], untested: 0 }).verdict).toBe("warn");
  });
});
