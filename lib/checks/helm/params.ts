import { z } from "zod";
import { HELM_RELEASE_NAME } from "@/lib/connectors/helm/releases";
import { namespaceParam } from "@/lib/connectors/kubernetes/names";

/** `helm … data-processing-pipeline -n data-processing`: the release and its namespace, validated. */
export const releaseParams = {
  release: z.string().max(53).regex(HELM_RELEASE_NAME, { message: "must be a Helm release name such as data-processing-pipeline" }).default("data-processing-pipeline"),
  namespace: namespaceParam.default("data-processing"),
};
