import { describePod } from "./describe-pod";
import { getEvents } from "./get-events";
import { getPods } from "./get-pods";
import { getPodsNamespace } from "./get-pods-namespace";
import { getSecrets } from "./get-secrets";
import { imagePull } from "./image-pull";
import { logs } from "./logs";
import { topNodes } from "./top-nodes";
import { topPods } from "./top-pods";
import { tracingEnv } from "./tracing-env";

/** The Kubernetes checks: one per kubectl command of the runbook (see runbook-uses.ts for commands that reuse one with parameters). */
export const kubernetesChecks = [getPodsNamespace, getPods, logs, describePod, topPods, topNodes, getEvents, getSecrets, imagePull, tracingEnv];
