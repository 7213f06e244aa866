import { notConfigured, pipelineDbUrl, type PipelineDbUrl } from "@/lib/connectors/postgresql/pool";
import { connectorFailure } from "../define-check";
import type { CheckContext } from "../types";

/** The pipeline database's URL from the variable the catalog names, or the `skipped` verdict. */
export function urlOf(context: CheckContext): PipelineDbUrl | ReturnType<typeof connectorFailure> {
  return pipelineDbUrl(context.catalog.systems.postgresql, context.env) ?? connectorFailure(notConfigured(context.catalog.systems.postgresql));
}
