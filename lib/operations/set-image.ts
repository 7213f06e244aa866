import "server-only";
import { z } from "zod";
import type { KubeJson } from "@/lib/connectors/kubernetes/mutations";
import type { OperationDefinition } from "./types";
import { executePatch, previewPatch, serviceVerifyChecks, workloadRef } from "./workload";

/** An image reference: [registry/]path[:tag][@sha256:digest]. */
const IMAGE = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

const params = z
  .object({
    image: z.string().max(255).regex(IMAGE, { message: "must be an image reference such as registry.254carbon.com/enrichment-service:2.4.1" }),
    /** the container to change; unset: the workload's only container */
    container: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/).optional(),
  })
  .strict();

function containersOf(object: KubeJson): { name: string; image?: string }[] {
  return ((object.spec as { template?: { spec?: { containers?: { name: string; image?: string }[] } } } | undefined)?.template?.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image }));
}

/**
 * `kubectl set image deployment/<service> <container>=<image>`: a strategic merge patch of
 * one container's image, so the controller rolls the pods. Undo: the image before.
 */
export const setImage: OperationDefinition<typeof params> = {
  kind: "set-image",
  params,
  accepts: (target) => target.type === "Deployment" || target.type === "StatefulSet",
  preview: (context, target, { image, container }) =>
    previewPatch(context, workloadRef(target), (object) => {
      const containers = containersOf(object);
      const chosen = container ? containers.find((c) => c.name === container) : containers.length === 1 ? containers[0] : undefined;
      if (!chosen) return { disabled: container ? `${target.name} has no container ${container} (it has ${containers.map((c) => c.name).join(", ")})` : `${target.name} has ${containers.length} containers: say which one` };
      return { strategy: "strategic", body: { spec: { template: { spec: { containers: [{ name: chosen.name, image }] } } } }, summary: `set ${target.name}'s ${chosen.name} image to ${image}` };
    }),
  execute: (context, target, _params, preview) => executePatch(context, workloadRef(target), preview),
  undo(target, { container }, prior) {
    const images = (prior.images ?? {}) as Record<string, string | null>;
    const name = container ?? Object.keys(images)[0];
    const image = name ? images[name] : null;
    return name && image ? { kind: "set-image", target: target.id, params: { image, container: name }, summary: `set ${name}'s image back to ${image}` } : null;
  },
  verify: serviceVerifyChecks,
};
