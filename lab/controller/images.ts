/**
 * The lab's image registry, as far as pulling goes: the pipeline images exist only in the
 * versions that were ever released; any other tag fails like a real pull of a missing tag
 * (the image-pull fault deploys one). Third-party images (docker.io, quay.io) always pull.
 */
import { IMAGE_TAGS, REGISTRY } from "../cluster/workloads.ts";

const RELEASED = new Set(["2.3.0", "2.4.0", "2.4.1", "1.9.0", "0.7.3", ...Object.values(IMAGE_TAGS)]);

export function pullError(image: string): string | null {
  if (!image.startsWith(`${REGISTRY}/`)) return null;
  const tag = image.slice(image.lastIndexOf(":") + 1);
  if (RELEASED.has(tag)) return null;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
}
