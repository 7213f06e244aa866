import type { Catalog, CatalogService } from "@/lib/config/catalog";
import type { OperationTarget } from "./types";

/**
 * Only objects the catalog names can be acted on; there is no free-form target. Pure.
 * Services are their Deployments; a pod target must belong to a catalog service (its labels
 * are checked against the service's selector when previewed and executed); the Helm
 * release is the catalog's; Prometheus, Grafana and Jaeger are the systems' workloads.
 */
export const MONITORING_SYSTEMS = ["prometheus", "grafana", "jaeger"] as const;
export type MonitoringSystem = (typeof MONITORING_SYSTEMS)[number];

const deploymentOf = (service: CatalogService) => service.deployment ?? service.name;

export function serviceSelector(service: CatalogService): string {
  return service.selector ?? `app=${service.name}`;
}

/** Every fixed target of the catalog (pods are listed live by the caller). */
export function catalogTargets(catalog: Catalog): OperationTarget[] {
  const services = catalog.services.map((service): OperationTarget => {
    const name = deploymentOf(service);
    return { id: `deployment/${service.namespace}/${name}`, type: "Deployment", namespace: service.namespace, name, owner: service.name, confirmName: name };
  });
  const release: OperationTarget = {
    id: `release/${catalog.helm.namespace}/${catalog.helm.release}`,
    type: "HelmRelease",
    namespace: catalog.helm.namespace,
    name: catalog.helm.release,
    owner: "helm",
    confirmName: catalog.helm.release,
  };
  const systems = MONITORING_SYSTEMS.map((system): OperationTarget => {
    const entry = catalog.systems[system];
    return { id: `system/${system}`, type: "System", namespace: entry.namespace, name: system, owner: system, confirmName: system };
  });
  return [...services, release, ...systems];
}

/** A target id from a request as a catalog target, or null when the catalog does not name it. */
export function resolveTarget(catalog: Catalog, id: string): OperationTarget | null {
  const fixed = catalogTargets(catalog).find((target) => target.id === id);
  if (fixed) return fixed;
  const pod = /^pod\/([a-z0-9-]{1,63})\/([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?)$/.exec(id);
  if (!pod) return null;
  const [, namespace, name] = pod as unknown as [string, string, string];
  const service = catalog.services.find((entry) => entry.namespace === namespace && name.startsWith(`${deploymentOf(entry)}-`));
  if (!service) return null;
  return { id, type: "Pod", namespace, name, owner: service.name, confirmName: name };
}

export function serviceOf(catalog: Catalog, target: OperationTarget): CatalogService | undefined {
  return catalog.services.find((service) => service.name === target.owner);
}

/** The catalog's namespace and pod selector for a monitoring system. */
export function systemWorkload(catalog: Catalog, system: string): { namespace: string; selector: string } | null {
  if (!(MONITORING_SYSTEMS as readonly string[]).includes(system)) return null;
  const entry = catalog.systems[system as MonitoringSystem];
  return { namespace: entry.namespace, selector: entry.selector };
}

/**
 * An operation step's target aimed at a run's service: a definition names a service's
 * Deployment as the runbook's example (normalization-service); a run about
 * enrichment-service acts on that one. The Helm release and the monitoring systems are
 * left as written.
 */
export function aimTarget(catalog: Catalog, target: string, service: string | null): string {
  if (!service) return target;
  const aimed = catalog.services.find((entry) => entry.name === service);
  if (!aimed || !target.startsWith("deployment/")) return target;
  return `deployment/${aimed.namespace}/${deploymentOf(aimed)}`;
}
