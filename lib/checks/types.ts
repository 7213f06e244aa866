import type { z } from "zod";
import type { Catalog, Env, SystemName, Thresholds } from "@/lib/config/catalog";
import type { ConnectorError } from "@/lib/connectors/result";

/**
 * A check is one diagnosis command of the runbook, run by the console instead of typed by a
 * responder: it carries the command it replaces (shown beside the result), a zod schema for
 * its parameters, and turns what a connector returned into a verdict with a one-line
 * summary and typed data. Checks never throw: a backend that is down is an `error` verdict.
 */
export type Verdict = "ok" | "warn" | "fail" | "error" | "skipped";

export interface CheckResult<D = unknown> {
  verdict: Verdict;
  /** one line a responder reads first, e.g. "lag 12,408 on normalization-group (3 partitions)" */
  summary: string;
  /** typed data for the UI and the incident timeline; null when the check could not run */
  data: D | null;
  /** set with verdict "error": what failed, never containing a secret */
  error?: ConnectorError;
  ms: number;
  checkedAt: string;
}

export interface CheckContext {
  catalog: Catalog;
  /** the catalog's thresholds with the service's own overrides when the check is about one */
  thresholds: Thresholds;
  /** every backend call of this check gives up after this */
  deadlineMs: number;
  /** where secrets named by the catalog's `*Env` fields are read (process.env in the console) */
  env: Env;
  /**
   * Told what a long check has done so far, in words ("scanned 1,840 lines of
   * normalization-service-…, 12 ERROR/FATAL"), as it goes; the step view streams it. Optional:
   * panels and checks run without anyone watching leave it out.
   */
  progress?: (text: string) => void;
}

export interface RunbookReference {
  /** the procedure's id in lib/runbooks/procedures.ts */
  procedure: string;
  purpose: string;
  command: string;
}

export interface CheckDefinition<P extends z.ZodType = z.ZodType, D = unknown> {
  /** "<system>.<name>", e.g. "kafka.consumer-group-describe"; also the file lib/checks/<system>/<name>.ts */
  id: string;
  system: SystemName | "service";
  title: string;
  /** the runbook's section and the command exactly as the runbook gives it */
  runbook: RunbookReference;
  /**
   * Other runbook commands this check also replaces with particular parameters, e.g.
   * kubernetes.logs with {filter: "ERROR"} for `kubectl logs … | grep ERROR`.
   */
  variants?: (RunbookReference & { params: Record<string, unknown> })[];
  params: P;
  /** true, or why the lab cannot exercise it (listed in docs/checks.md) */
  lab: true | string;
  run(context: CheckContext, params: z.output<P>): Promise<Omit<CheckResult<D>, "ms" | "checkedAt">>;
}

/** Any check, whatever its parameter and data types: for lists of checks (registry, index files). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parameters are checked by each check's own zod schema at run time
export type AnyCheck = CheckDefinition<any, any>;

/**
 * One symptom the console recognised, in the runbook's words with its figure ("auth failures
 * 1.0/s (revoked key: trading-desk-a)"), judged by the same pure function the check of that
 * figure uses, and the runbook procedure that diagnoses it. Panels show findings as reasons;
 * guided diagnosis turns them into suggestions ("… → Authentication Failures").
 */
export interface Finding {
  /** which judgement found it, e.g. "service.auth-failures", "helm.status", "kafka.lag" */
  signal: string;
  verdict: "warn" | "fail";
  /** one line in the runbook's words, with the figure */
  reason: string;
  /** the id of the runbook procedure that diagnoses it (lib/runbooks), or null when none fits */
  procedure: string | null;
}
