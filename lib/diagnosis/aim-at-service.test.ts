import { expect, it } from "vitest";
import { findCheck } from "@/lib/checks/registry";
import { aimAtService } from "./aim-at-service";

const SERVICES = ["normalization-service", "enrichment-service"];

it("points a step at the run's service where the runbook used its example service", () => {
  expect(aimAtService(findCheck("kubernetes.describe-pod")!, {}, "enrichment-service", SERVICES)).toEqual({ deployment: "enrichment-service" });
  expect(aimAtService(findCheck("kubernetes.logs")!, { deployment: "normalization-service", filter: "ERROR" }, "enrichment-service", SERVICES)).toEqual({ deployment: "enrichment-service", filter: "ERROR" });
  expect(aimAtService(findCheck("service.processed")!, { service: "normalization-service" }, "enrichment-service", SERVICES)).toEqual({ service: "enrichment-service" });
  // kubectl get pods -l app=normalization-service
  expect(aimAtService(findCheck("kubernetes.get-pods")!, { selector: "app=normalization-service" }, "enrichment-service", SERVICES)).toEqual({ selector: "app=enrichment-service" });
  expect(aimAtService(findCheck("kubernetes.get-pods")!, { namespace: "monitoring", selector: "app=prometheus" }, "enrichment-service", SERVICES)).toEqual({ namespace: "monitoring", selector: "app=prometheus" });
});

it("leaves steps pinned to something else, and runs about no service, alone", () => {
  expect(aimAtService(findCheck("kubernetes.logs")!, { pod: "kafka-0" }, "enrichment-service", SERVICES)).toEqual({ pod: "kafka-0" });
  expect(aimAtService(findCheck("kubernetes.logs")!, { namespace: "monitoring", deployment: "grafana" }, "enrichment-service", SERVICES)).toEqual({ namespace: "monitoring", deployment: "grafana" });
  expect(aimAtService(findCheck("kubernetes.top-pods")!, {}, "enrichment-service", SERVICES)).toEqual({});
  expect(aimAtService(findCheck("kubernetes.describe-pod")!, {}, null, SERVICES)).toEqual({});
});
