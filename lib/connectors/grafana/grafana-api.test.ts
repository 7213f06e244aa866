import { describe, expect, it } from "vitest";
import { parseDataSources, parseDataSourceTest, parseGrafanaHealth } from "./grafana-api";

/**
 * Answers as documented: https://grafana.com/docs/grafana/latest/developers/http_api/other/#health-api
 * and https://grafana.com/docs/grafana/latest/developers/http_api/data_source/ (Get all data
 * sources; Check data source health by data source UID). Grafana is not in the lab.
 */
describe("Grafana API answers", () => {
  it("reads /api/health", () => {
    expect(parseGrafanaHealth({ commit: "087143285", database: "ok", version: "5.1.3" }, 200)).toEqual({ httpStatus: 200, database: "ok", version: "5.1.3" });
    expect(parseGrafanaHealth({ database: "failing" }, 503)).toEqual({ httpStatus: 503, database: "failing", version: null });
    expect(parseGrafanaHealth("<html>", 200)).toBeNull();
  });

  it("reads /api/datasources, hiding credentials in a data source URL", () => {
    const documented = [
      { id: 1, orgId: 1, uid: "H8joYFVGz", name: "datasource_elastic", type: "elasticsearch", typeName: "Elasticsearch", typeLogoUrl: "public/app/plugins/datasource/elasticsearch/img/elasticsearch.svg", access: "proxy", url: "http://mydatasource.com", password: "", user: "", database: "grafana-dash", basicAuth: false, isDefault: false, jsonData: { esVersion: 5, logLevelField: "", logMessageField: "", maxConcurrentShardRequests: 256, timeField: "@timestamp" }, readOnly: false },
      { uid: "prom", name: "Prometheus", type: "prometheus", url: "http://user:secret@prometheus:9090", isDefault: true },
    ];
    expect(parseDataSources(documented)).toEqual([
      { uid: "H8joYFVGz", name: "datasource_elastic", type: "elasticsearch", url: "http://mydatasource.com", isDefault: false },
      { uid: "prom", name: "Prometheus", type: "prometheus", url: "http://***@prometheus:9090", isDefault: true },
    ]);
    expect(parseDataSources({ message: "Unauthorized" })).toBeNull();
  });

  it("reads a data source health test", () => {
    expect(parseDataSourceTest("prom", { status: "OK", message: "Successfully queried the Prometheus API." })).toEqual({ uid: "prom", status: "OK", message: "Successfully queried the Prometheus API." });
    expect(parseDataSourceTest("es", { status: "ERROR", message: "Plugin health check failed" })).toEqual({ uid: "es", status: "ERROR", message: "Plugin health check failed" });
    expect(parseDataSourceTest("x", { message: "Method not implemented" })).toEqual({ uid: "x", status: null, message: "Method not implemented" });
  });
});
