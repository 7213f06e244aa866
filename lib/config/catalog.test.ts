import { describe, expect, it } from "vitest";
import { interpolateEnv, thresholdsFor } from "./catalog";
import { parseConsoleConfig } from "./console-config";

const parse = (yaml: string, env: Record<string, string> = {}) => {
  const result = parseConsoleConfig(yaml, "console.config.yaml", env);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.config;
};

describe("the catalog", () => {
  it("describes the runbook's pipeline by default, with nothing to reach when the environment is empty", () => {
    const catalog = parse("");
    expect(catalog.services.map((service) => [service.name, service.kafka?.group])).toEqual([
      ["normalization-service", "normalization-group"],
      ["enrichment-service", "enrichment-group"],
    ]);
    expect(catalog.services[1]!.clickhouse?.tables).toEqual(["market_ticks"]);
    expect(catalog.services[0]!.healthUrl).toBeUndefined();
    expect(catalog.systems.kafka.brokers).toBeUndefined();
    expect(catalog.systems.kubernetes.kubeconfig).toBeUndefined();
    expect(catalog.systems.prometheus.selector).toBe("app=prometheus");
    expect(catalog.systems.jaeger.selector).toBe("component=jaeger-collector");
    expect(catalog.probe).toEqual({ deadline: "2s", freshness: "5s", history: "15m" });
  });

  it("takes endpoints from the environment the lab prints, and only the names of secrets", () => {
    const catalog = parse("", {
      KUBECONFIG: "/tmp/kubeconfig",
      KAFKA_BROKERS: "127.0.0.1:59092, 127.0.0.1:59093",
      NORMALIZATION_SERVICE_URL: "http://127.0.0.1:18080",
      NORMALIZATION_SERVICE_METRICS_URL: "http://127.0.0.1:19090/metrics",
      CLICKHOUSE_PASSWORD: "s3cret",
    });
    expect(catalog.systems.kafka.brokers).toEqual(["127.0.0.1:59092", "127.0.0.1:59093"]);
    expect(catalog.services[0]).toMatchObject({ healthUrl: "http://127.0.0.1:18080/health", metricsUrl: "http://127.0.0.1:19090/metrics" });
    expect(catalog.systems.kubernetes).toMatchObject({ kubeconfig: "/tmp/kubeconfig", inCluster: false });
    expect(JSON.stringify(catalog)).not.toContain("s3cret");
    expect(catalog.systems.clickhouse.passwordEnv).toBe("CLICKHOUSE_PASSWORD");
  });

  it("takes the rate limiter's requests per window from the environment or the file, refusing what is not a positive whole number", () => {
    expect(parse("", {}).systems.redis.rateLimitPerWindow).toBeUndefined();
    expect(parse("", { REDIS_RATE_LIMIT_PER_WINDOW: "30" }).systems.redis.rateLimitPerWindow).toBe(30);
    expect(parse("systems:\n  redis:\n    rateLimitPerWindow: 100\n", { REDIS_RATE_LIMIT_PER_WINDOW: "30" }).systems.redis.rateLimitPerWindow).toBe(100);
    const bad = parseConsoleConfig("", "console.config.yaml", { REDIS_RATE_LIMIT_PER_WINDOW: "thirty" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join("\n")).toMatch(/systems\.redis\.rateLimitPerWindow/);
  });

  it("reads ${NAME} in the file and leaves a field unset when the variable is", () => {
    const catalog = parse(["systems:", "  prometheus:", "    url: ${PROM}", "  grafana:", "    url: ${UNSET_GRAFANA}"].join("\n"), { PROM: "http://prom:9090" });
    expect(catalog.systems.prometheus.url).toBe("http://prom:9090");
    expect(catalog.systems.grafana.url).toBeUndefined();
    expect(interpolateEnv({ a: ["x-${A}-y"] }, { A: "1" })).toEqual({ a: ["x-1-y"] });
  });

  it("names the line and field of bad catalog entries, including a bad URL from the environment", () => {
    const result = parseConsoleConfig(
      ["services:", "  - name: Bad_Name", "    selector: 'app=$(whoami)'", "  - name: ok-service", "  - name: ok-service", "systems:", "  clickhouse:", "    passwordEnv: not a name"].join("\n"),
      "console.config.yaml",
      { PROMETHEUS_URL: "not a url" },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^console\.config\.yaml:2: services\.0\.name must be a Kubernetes-style name/),
        expect.stringMatching(/^console\.config\.yaml:3: services\.0\.selector must be a label selector/),
        expect.stringMatching(/^console\.config\.yaml:5: services\.2\.name is listed twice/),
        expect.stringMatching(/^console\.config\.yaml:8: systems\.clickhouse\.passwordEnv must name an environment variable/),
        expect.stringMatching(/systems\.prometheus\.url must be a URL/),
      ]),
    );
  });

  it("lets a service override thresholds", () => {
    const catalog = parse(["services:", "  - name: slow-service", "    thresholds: { p99WarnSeconds: 3 }"].join("\n"));
    expect(thresholdsFor(catalog, catalog.services[0]).p99WarnSeconds).toBe(3);
    expect(thresholdsFor(catalog, catalog.services[0]).errorRateWarn).toBe(0.01);
  });
});
