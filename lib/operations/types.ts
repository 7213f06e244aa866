import type { z } from "zod";
import type { Permission } from "@/lib/auth/roles";
import type { Catalog, Env } from "@/lib/config/catalog";
import type { ConnectorError } from "@/lib/connectors/result";
import type { FieldChange } from "./diff";

/**
 * An operation is one of the runbook's resolutions done by the console on an object the
 * catalog names: previewed by the API server (`dryRun=All`), confirmed by typing the
 * object's name, recorded, verified by re-running checks, and undone from its saved prior
 * state. Pure types: safe for client components.
 */
export const OPERATION_KINDS = ["rollout-restart", "delete-pod", "scale", "set-image", "rollout-undo", "helm-rollback", "restart-monitoring"] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_TITLES: Record<OperationKind, string> = {
  "rollout-restart": "Rollout restart",
  "delete-pod": "Delete pod",
  scale: "Scale",
  "set-image": "Set image",
  "rollout-undo": "Rollout undo",
  "helm-rollback": "Helm rollback",
  "restart-monitoring": "Restart monitoring component",
};

/** Who may do what, by the runbook's levels (lib/auth/roles.ts). */
export const OPERATION_PERMISSIONS: Record<OperationKind, Permission> = {
  "rollout-restart": "operation:restart",
  "delete-pod": "operation:restart",
  "restart-monitoring": "operation:restart",
  scale: "operation:scale",
  "set-image": "operation:deploy",
  "rollout-undo": "operation:deploy",
  "helm-rollback": "operation:rollback",
};

/** Which catalog objects each operation acts on (a Deployment's "delete pod" picks one of its pods). */
export const OPERATION_TARGET_TYPES: Record<OperationKind, OperationTarget["type"][]> = {
  "rollout-restart": ["Deployment", "StatefulSet"],
  "delete-pod": ["Pod"],
  scale: ["Deployment", "StatefulSet"],
  "set-image": ["Deployment", "StatefulSet"],
  "rollout-undo": ["Deployment"],
  "helm-rollback": ["HelmRelease"],
  "restart-monitoring": ["System"],
};

/**
 * An object the catalog names. `id` is what the API takes: `deployment/<ns>/<name>`,
 * `statefulset/<ns>/<name>`, `pod/<ns>/<name>` (a pod of a catalog service),
 * `release/<ns>/<name>` (the catalog's Helm release), `system/<prometheus|grafana|jaeger>`.
 */
export interface OperationTarget {
  id: string;
  type: "Deployment" | "StatefulSet" | "Pod" | "HelmRelease" | "System";
  namespace: string;
  name: string;
  /** the catalog entry it belongs to: a service name, "helm", or a system name */
  owner: string;
  /** what the responder types to confirm */
  confirmName: string;
}

/** Something a responder should see beside the change: ready replicas, restarts, consumer lag, current revision. */
export interface LiveFact {
  label: string;
  value: string;
}

export interface OperationContext {
  catalog: Catalog;
  env: Env;
  /** every Kubernetes call gives up after this */
  deadlineMs: number;
}

/** What a dry run found, before anything is written. */
export interface PreviewBody {
  /** one line: "restart normalization-service (1 pod replaced, maxUnavailable 0)" */
  summary: string;
  changes: FieldChange[];
  context: LiveFact[];
  /** what undo restores and what the record keeps (replicas, image, template, revision) */
  priorState: Record<string, unknown>;
  /** a version of the object at preview time: part of the suggested idempotency key */
  version: string;
  /** set when the operation cannot be done at all (no helm CLI, nothing to roll back to) */
  disabled?: string;
  warnings?: string[];
  /** server side only (stripped before a preview leaves the server): the object as read, and the write to make */
  object?: Record<string, unknown>;
  patch?: { strategy: "strategic" | "json"; body: unknown };
}

/** What an execution did. `changed` is exact; on failure, `notChanged` says what was left as it was. */
export interface ExecutionResult {
  outcome: "succeeded" | "failed" | "partial";
  message: string;
  changed: FieldChange[];
  notChanged: string[];
  error?: ConnectorError;
  /** free text the tool printed (helm rollback) */
  output?: string;
}

/** A check to re-run for verification, by id from lib/checks/registry.ts, with its parameters. */
export interface VerifyCheck {
  check: string;
  params: Record<string, unknown>;
}

export interface UndoSuggestion {
  kind: OperationKind;
  target: string;
  params: Record<string, unknown>;
  /** "scale back to 1 replica" */
  summary: string;
}

export interface OperationDefinition<P extends z.ZodType = z.ZodType> {
  kind: OperationKind;
  params: P;
  /** which catalog targets this operation takes */
  accepts(target: OperationTarget): boolean;
  preview(context: OperationContext, target: OperationTarget, params: z.output<P>): Promise<{ ok: true; value: PreviewBody } | { ok: false; error: ConnectorError }>;
  /** does it for real; `preview` is the dry run just taken, so the result can say exactly what did not change */
  execute(context: OperationContext, target: OperationTarget, params: z.output<P>, preview: PreviewBody): Promise<ExecutionResult>;
  /** paths whose values the server fills in when writing (compared for presence only) */
  volatile?: RegExp[];
  undo(target: OperationTarget, params: z.output<P>, priorState: Record<string, unknown>): UndoSuggestion | null;
  verify(context: OperationContext, target: OperationTarget): VerifyCheck[];
}

/** Any operation, whatever its parameters (for the registry). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parameters are checked by each operation's zod schema at run time
export type AnyOperation = OperationDefinition<any>;

/** What the "Act" panel offers: the catalog's targets, and operations that cannot run here with the reason. */
export interface ActOptions {
  targets: OperationTarget[];
  unavailable: Partial<Record<OperationKind, string>>;
}
