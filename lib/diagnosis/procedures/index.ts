import type { ProcedureInput } from "../definition";
import { checkServiceStatus } from "./check-service-status";
import { serviceNotStarting } from "./service-not-starting";
import { dataNotProcessing } from "./data-not-processing";
import { dataQualityIssues } from "./data-quality-issues";
import { highLatency } from "./high-latency";
import { highMemoryUsage } from "./high-memory-usage";
import { authenticationFailures } from "./authentication-failures";
import { rateLimitingIssues } from "./rate-limiting-issues";
import { deploymentFailures } from "./deployment-failures";
import { imagePullFailures } from "./image-pull-failures";
import { prometheusIssues } from "./prometheus-issues";
import { grafanaIssues } from "./grafana-issues";
import { clickhouseIssues } from "./clickhouse-issues";
import { postgresqlIssues } from "./postgresql-issues";
import { consumerLag } from "./consumer-lag";
import { brokerIssues } from "./broker-issues";
import { jaegerIssues } from "./jaeger-issues";
import { traceQualityIssues } from "./trace-quality-issues";
import { serviceOutage } from "./service-outage";
import { dataLoss } from "./data-loss";
import { securityBreach } from "./security-breach";

/** Every procedure definition with the file it lives in (errors name the file). Add a line for a new procedure. */
export const PROCEDURE_FILES: { file: string; definition: ProcedureInput }[] = [
  { file: "lib/diagnosis/procedures/check-service-status.ts", definition: checkServiceStatus },
  { file: "lib/diagnosis/procedures/service-not-starting.ts", definition: serviceNotStarting },
  { file: "lib/diagnosis/procedures/data-not-processing.ts", definition: dataNotProcessing },
  { file: "lib/diagnosis/procedures/data-quality-issues.ts", definition: dataQualityIssues },
  { file: "lib/diagnosis/procedures/high-latency.ts", definition: highLatency },
  { file: "lib/diagnosis/procedures/high-memory-usage.ts", definition: highMemoryUsage },
  { file: "lib/diagnosis/procedures/authentication-failures.ts", definition: authenticationFailures },
  { file: "lib/diagnosis/procedures/rate-limiting-issues.ts", definition: rateLimitingIssues },
  { file: "lib/diagnosis/procedures/deployment-failures.ts", definition: deploymentFailures },
  { file: "lib/diagnosis/procedures/image-pull-failures.ts", definition: imagePullFailures },
  { file: "lib/diagnosis/procedures/prometheus-issues.ts", definition: prometheusIssues },
  { file: "lib/diagnosis/procedures/grafana-issues.ts", definition: grafanaIssues },
  { file: "lib/diagnosis/procedures/clickhouse-issues.ts", definition: clickhouseIssues },
  { file: "lib/diagnosis/procedures/postgresql-issues.ts", definition: postgresqlIssues },
  { file: "lib/diagnosis/procedures/consumer-lag.ts", definition: consumerLag },
  { file: "lib/diagnosis/procedures/broker-issues.ts", definition: brokerIssues },
  { file: "lib/diagnosis/procedures/jaeger-issues.ts", definition: jaegerIssues },
  { file: "lib/diagnosis/procedures/trace-quality-issues.ts", definition: traceQualityIssues },
  { file: "lib/diagnosis/procedures/service-outage.ts", definition: serviceOutage },
  { file: "lib/diagnosis/procedures/data-loss.ts", definition: dataLoss },
  { file: "lib/diagnosis/procedures/security-breach.ts", definition: securityBreach },
];
