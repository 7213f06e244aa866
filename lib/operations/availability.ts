import "server-only";
import { findHelm } from "@/lib/connectors/helm/helm-cli";
import type { Catalog } from "@/lib/config/catalog";
import { catalogTargets } from "./targets";
import type { ActOptions } from "./types";

export function actOptions(catalog: Catalog, env: Record<string, string | undefined> = process.env): ActOptions {
  const helm = findHelm(env);
  return { targets: catalogTargets(catalog), unavailable: helm.ok ? {} : { "helm-rollback": helm.reason } };
}
