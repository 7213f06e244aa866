import { collectorHealth } from "./collector-health";
import { traceMetricsCheck } from "./trace-metrics";

export const jaegerChecks = [collectorHealth, traceMetricsCheck];
