"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const FILTERS = ["", "ERROR", "TLS", "rate_limit"] as const;
const MAX_LINES = 2_000;

interface Tail {
  pod: string;
  container: string;
  filter: string | null;
  lines: string[];
  scanned: number;
  matched: number;
  omitted: number;
  cutLines: number;
}

/**
 * `kubectl logs [-f] [--previous] deployment/<service> | grep …` in the page: the newest
 * lines, a filter for the runbook's words, the previous container (the one that crashed),
 * and follow (server-sent events) with the newest line kept in view unless the reader
 * scrolled up. Everything is text: a log line never becomes markup.
 */
export function LogViewer({ service }: { service: string }) {
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("");
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(false);
  const [tail, setTail] = useState<Tail | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<{ loading: boolean; error: string | null; live: boolean }>({ loading: true, error: null, live: false });
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  const query = new URLSearchParams({ tail: "500", previous: previous ? "1" : "0", ...(filter ? { filter } : {}) }).toString();

  useEffect(() => {
    if (follow) return;
    const controller = new AbortController();
    // Loading state for a new query: set before the fetch it describes.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState({ loading: true, error: null, live: false });
    fetch(`/api/v1/services/${service}/logs?${query}`, { signal: controller.signal, cache: "no-store" })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
        if (!body.ok) throw new Error(`${body.error.kind.replace("_", " ")}: ${body.error.message}`);
        setTail(body.value);
        setLines(body.value.lines);
        setState({ loading: false, error: null, live: false });
      })
      .catch((error: Error) => {
        if (!controller.signal.aborted) setState({ loading: false, error: error.message, live: false });
      });
    return () => controller.abort();
  }, [service, query, follow]);

  useEffect(() => {
    if (!follow) return;
    const source = new EventSource(`/api/v1/services/${service}/logs?${query}&follow=1`);
    // A new stream starts empty.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLines([]);
    setState({ loading: true, error: null, live: false });
    let interruptions = 0;
    source.addEventListener("start", () => {
      interruptions = 0;
      setState({ loading: false, error: null, live: true });
    });
    source.addEventListener("line", (event) => {
      const { line } = JSON.parse((event as MessageEvent<string>).data) as { line: string };
      setLines((current) => (current.length >= MAX_LINES ? [...current.slice(current.length - MAX_LINES + 1), line] : [...current, line]));
    });
    source.addEventListener("error", (event) => {
      const data = (event as MessageEvent<string>).data;
      if (data) {
        // The server said why it stopped (unreachable, not found, a time limit): reconnecting
        // would only ask again, and hold one of the console's few follow slots meanwhile.
        const { error } = JSON.parse(data) as { error: { kind: string; message: string } };
        source.close();
        setState({ loading: false, error: `${error.kind.replace("_", " ")}: ${error.message}`, live: false });
        return;
      }
      interruptions++;
      if (source.readyState === EventSource.CLOSED || interruptions > 5) {
        // Refused (e.g. 429: too many follows) or down for good: say why, once, and stop.
        source.close();
        setState({ loading: false, error: "the log stream could not be opened; press Following to stop, then Follow to try again", live: false });
        void fetch(`/api/v1/services/${service}/logs?${query}&follow=1`, { signal: AbortSignal.timeout(5_000) })
          .then(async (response) => {
            const body = response.ok ? null : await response.json().catch(() => null);
            void response.body?.cancel();
            if (body?.error?.message) setState({ loading: false, error: body.error.message, live: false });
          })
          .catch(() => {});
        return;
      }
      setState({ loading: false, error: "the log stream was interrupted; reconnecting…", live: false });
    });
    source.addEventListener("end", () => {
      setState({ loading: false, error: "the container's log ended (it stopped or restarted)", live: false });
      source.close();
    });
    return () => source.close();
  }, [service, query, follow]);

  useEffect(() => {
    if (pinned.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1.5">
          <span className="text-fg-muted">Filter</span>
          <select aria-label="Log filter" value={filter} onChange={(event) => setFilter(event.target.value as (typeof FILTERS)[number])} className="rounded-md border border-border bg-surface-raised px-2 py-1">
            {FILTERS.map((word) => (
              <option key={word} value={word}>
                {word || "all lines"}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={previous} onChange={(event) => setPrevious(event.target.checked)} /> previous container
        </label>
        <Button type="button" variant={follow ? "primary" : "secondary"} aria-pressed={follow} onClick={() => setFollow((value) => !value)}>
          {follow ? "Following" : "Follow"}
        </Button>
        <span className="text-xs text-fg-muted" role="status">
          {state.loading ? "loading…" : state.live ? `live · ${lines.length} lines` : tail ? `${tail.pod}/${tail.container} · ${lines.length} of ${tail.matched} matching${tail.filter ? ` "${tail.filter}"` : ""} lines${tail.omitted ? ` (${tail.omitted} older left out)` : ""}${tail.cutLines ? ` · ${tail.cutLines} long lines cut` : ""}` : ""}
        </span>
      </div>
      {state.error ? <p className="text-sm text-fail" role="alert">{state.error}</p> : null}
      <pre
        ref={box}
        tabIndex={0}
        aria-label={`${service} logs`}
        onScroll={(event) => {
          const element = event.currentTarget;
          pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
        className="h-80 overflow-auto rounded-md border border-border bg-surface-sunken p-3 font-mono text-xs leading-5 whitespace-pre-wrap break-all"
      >
        {lines.length ? lines.map((line, index) => <div key={index} className={/\b(ERROR|FATAL)\b/.test(line) ? "text-fail" : /\bWARN/.test(line) ? "text-warn" : undefined}>{line}</div>) : state.loading ? null : "No lines."}
      </pre>
    </div>
  );
}
