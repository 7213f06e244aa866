import type { IncomingMessage } from "node:http";
import type { ConnectorError } from "../result";
import type { KubeTarget } from "./kube-client";
import { classifyKubeError, callOptions, loadKubeConfig } from "./kube-call";
import { LineCutter, lineMatches } from "./log-lines";
import { openLogStream } from "./log-stream";
import { defaultContainer, LOG_LIMITS, type LogRequest } from "./logs";
import { printable } from "./pods";
import { resolvePod } from "./resolve-pod";

/**
 * `kubectl logs -f -n data-processing deployment/normalization-service` as an async
 * iterator (for an SSE route): first a `start` event naming the pod and container, then
 * one event per line (cut to a maximum), until the caller's signal aborts, the stream ends,
 * or it fails (an `error` event with the kind). Bounded: the connection has a deadline,
 * lines are cut, and at most `maxQueued` lines wait for a slow reader — the stream is
 * paused until it catches up (TCP backpressure), so memory never grows.
 */
export type FollowEvent =
  | { type: "start"; pod: string; container: string }
  | { type: "line"; line: string }
  | { type: "end" }
  | { type: "error"; error: ConnectorError };

export interface FollowOptions {
  /** the connection (API server answering with the stream) gives up after this */
  connectDeadlineMs: number;
  /** lines waiting for the reader before the stream is paused (default 500) */
  maxQueued?: number;
}

export async function* followLogs(target: KubeTarget, request: Omit<LogRequest, "maxLines">, signal: AbortSignal, options: FollowOptions): AsyncGenerator<FollowEvent> {
  const controller = new AbortController();
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const stop = () => {
    controller.abort(signal.reason);
    notify();
  };
  if (signal.aborted) return;
  signal.addEventListener("abort", stop, { once: true });
  const what = request.pod ? `pod ${request.namespace}/${request.pod}` : `deployment ${request.namespace}/${request.deployment}`;
  let response: IncomingMessage | null = null;
  try {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    try {
      const connect = (async () => {
        const config = loadKubeConfig(target);
        const pod = await resolvePod(target, request.namespace, request, callOptions(target, controller.signal));
        const container = defaultContainer(pod, request.container);
        const stream = await openLogStream(
          target,
          config,
          { namespace: request.namespace, pod: pod.metadata?.name ?? "", container, tailLines: Math.max(0, Math.min(request.tailLines ?? 10, LOG_LIMITS.tailLines)), sinceSeconds: request.sinceSeconds, follow: true },
          controller.signal,
        );
        return { stream, pod: pod.metadata?.name ?? "", container };
      })();
      connect.catch(() => undefined); // a late failure after the deadline is not unhandled
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          controller.abort(new Error("deadline"));
          reject(new Error("deadline"));
        }, options.connectDeadlineMs);
      });
      const opened = await Promise.race([connect, deadline]);
      response = opened.stream;
      yield { type: "start", pod: printable(opened.pod), container: printable(opened.container) };
    } catch (error) {
      if (signal.aborted) return;
      yield { type: "error", error: timedOut ? { kind: "timeout", message: `no answer within ${options.connectDeadlineMs} ms` } : classifyKubeError(error, what) };
      return;
    } finally {
      clearTimeout(timer);
    }

    const maxQueued = Math.max(1, options.maxQueued ?? 500);
    const cutter = new LineCutter(Math.max(1, Math.min(request.maxLineBytes ?? 2_000, LOG_LIMITS.maxLineBytes)));
    const queue: FollowEvent[] = [];
    let finished = false;
    const stream = response;
    stream.on("data", (chunk: Buffer) => {
      for (const line of cutter.push(chunk)) if (lineMatches(line.text, request.filter)) queue.push({ type: "line", line: line.text });
      if (queue.length >= maxQueued) stream.pause();
      notify();
    });
    stream.on("end", () => {
      for (const line of cutter.end()) if (lineMatches(line.text, request.filter)) queue.push({ type: "line", line: line.text });
      queue.push({ type: "end" });
      finished = true;
      notify();
    });
    stream.on("error", (error) => {
      if (!signal.aborted) queue.push({ type: "error", error: classifyKubeError(error, what) });
      finished = true;
      notify();
    });
    stream.on("close", () => {
      finished = true;
      notify();
    });

    while (!signal.aborted) {
      const next = queue.shift();
      if (next) {
        if (stream.isPaused() && queue.length < maxQueued / 2) stream.resume();
        yield next;
        if (next.type !== "line") return;
        continue;
      }
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal.removeEventListener("abort", stop);
    controller.abort();
    response?.destroy();
  }
}
