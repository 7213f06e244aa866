import { z } from "zod";

/**
 * What a Kubernetes name or label selector may look like, for zod parameter schemas and
 * for the connectors that put a name into a field selector: anything else is refused
 * before a request is made.
 */
export const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
export const CONTAINER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const k8sNameParam = z.string().regex(K8S_NAME, { message: "must be a Kubernetes name such as normalization-service-7d9f-abcde" });
export const namespaceParam = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: "must be a namespace such as data-processing" });
export const containerParam = z.string().regex(CONTAINER_NAME, { message: "must be a container name" });

export const isK8sName = (text: string) => K8S_NAME.test(text);
