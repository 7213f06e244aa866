import type { V1Pod } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import type { KubeTarget } from "./kube-client";
import { KubeNotFoundError, kubeCall } from "./kube-call";
import { ERROR_LEVEL, LineCutter, NewestLines, PROBLEM_LEVEL, lineMatches } from "./log-lines";
import { openLogStream } from "./log-stream";
import { printable } from "./pods";
import { resolvePod } from "./resolve-pod";

/**
 * `kubectl logs -n data-processing deployment/normalization-service [| grep ERROR]`,
 * `kubectl logs -n data-processing kafka-0`, with `--tail`, `--since`, `--previous`:
 * the newest lines of a pod's container (or of a Deployment's picked pod), each line cut to
 * a maximum, the total bounded, optionally only lines containing a filter word.
 */
export interface LogRequest {
  namespace: string;
  pod?: string;
  deployment?: string;
  /** default: the pod's `kubectl.kubernetes.io/default-container`, else its first container */
  container?: string;
  /** how many of the newest lines to read (default 1000, at most 10 000) */
  tailLines?: number;
  sinceSeconds?: number;
  previous?: boolean;
  /** keep only lines containing this (case-insensitive); validated by logFilterParam */
  filter?: string | null;
  /** at most this many lines returned, the newest (default 200, at most 2 000) */
  maxLines?: number;
  /** each line cut to this many bytes (default 2 000) */
  maxLineBytes?: number;
  /** told the running figures after each chunk read, for progress while a long scan runs */
  onProgress?: (progress: { pod: string; scanned: number; matched: number; errorLines: number }) => void;
}

export interface LogTail {
  pod: string;
  container: string;
  previous: boolean;
  filter: string | null;
  lines: string[];
  /** lines read from the API server */
  scanned: number;
  /** of those, lines that matched the filter (all when none) */
  matched: number;
  /** matched lines left out to stay within maxLines / the byte budget (older ones) */
  omitted: number;
  /** lines read at ERROR/FATAL level (whether or not they matched the filter) */
  errorLines: number;
  /** lines that matched the filter and are WARN or worse ("TLS handshake failed", not "TLS certificate loaded") */
  matchedProblems: number;
  /** lines that were cut to maxLineBytes */
  cutLines: number;
  /** reading stopped at the byte limit of the stream */
  truncated: boolean;
}

export const LOG_LIMITS = { tailLines: 10_000, maxLines: 2_000, maxLineBytes: 16_384, outputBytes: 1_048_576, streamBytes: 32 * 1_048_576 } as const;

const clamp = (value: number | undefined, fallback: number, max: number) => Math.max(1, Math.min(Math.floor(value ?? fallback), max));

/** The container `kubectl logs` would choose. */
export function defaultContainer(pod: V1Pod, requested?: string): string {
  const names = (pod.spec?.containers ?? []).map((container) => container.name);
  if (requested) {
    if (!names.includes(requested) && !(pod.spec?.initContainers ?? []).some((container) => container.name === requested)) {
      throw new KubeNotFoundError(`container ${printable(requested)} not found in pod ${printable(pod.metadata?.name ?? "?")} (containers: ${names.map(printable).join(", ")})`);
    }
    return requested;
  }
  const annotated = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
  if (annotated && names.includes(annotated)) return annotated;
  if (!names[0]) throw new KubeNotFoundError(`pod ${printable(pod.metadata?.name ?? "?")} has no containers`);
  return names[0];
}

export function readLogs(target: KubeTarget, request: LogRequest, deadlineMs: number): Promise<ConnectorResult<LogTail>> {
  const what = request.pod ? `pod ${request.namespace}/${request.pod}` : `deployment ${request.namespace}/${request.deployment}`;
  return kubeCall(target, deadlineMs, what, async ({ config, options, signal }) => {
    const pod = await resolvePod(target, request.namespace, request, options);
    const podName = pod.metadata?.name ?? "";
    const container = defaultContainer(pod, request.container);
    const tailLines = clamp(request.tailLines, 1_000, LOG_LIMITS.tailLines);
    const response = await openLogStream(
      target,
      config,
      { namespace: request.namespace, pod: podName, container, tailLines, sinceSeconds: request.sinceSeconds, previous: request.previous },
      signal,
    );
    const cutter = new LineCutter(clamp(request.maxLineBytes, 2_000, LOG_LIMITS.maxLineBytes));
    const newest = new NewestLines(clamp(request.maxLines, 200, LOG_LIMITS.maxLines), LOG_LIMITS.outputBytes);
    let scanned = 0;
    let matched = 0;
    let cutLines = 0;
    let errorLines = 0;
    let matchedProblems = 0;
    let streamed = 0;
    let truncated = false;
    const take = (lines: ReturnType<LineCutter["push"]>) => {
      for (const line of lines) {
        scanned++;
        if (line.cutBytes) cutLines++;
        if (ERROR_LEVEL.test(line.text)) errorLines++;
        if (!lineMatches(line.text, request.filter)) continue;
        matched++;
        if (PROBLEM_LEVEL.test(line.text)) matchedProblems++;
        newest.add(line.text);
      }
    };
    try {
      for await (const chunk of response) {
        const buffer = chunk as Buffer;
        streamed += buffer.length;
        take(cutter.push(buffer));
        request.onProgress?.({ pod: printable(podName), scanned, matched, errorLines });
        if (streamed >= LOG_LIMITS.streamBytes) {
          truncated = true;
          break;
        }
      }
    } finally {
      response.destroy();
    }
    if (!truncated) take(cutter.end());
    return {
      pod: printable(podName),
      container: printable(container),
      previous: Boolean(request.previous),
      filter: request.filter ?? null,
      lines: newest.lines,
      scanned,
      matched,
      omitted: newest.dropped,
      errorLines,
      matchedProblems,
      cutLines,
      truncated,
    };
  });
}
