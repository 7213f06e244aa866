import { apiRoute } from "@/lib/server/api-route";
import { AppError } from "@/lib/errors";
import { checkServicePod, followServiceLogs, logQuery, serviceLogs } from "@/lib/health/service-logs";
import { followSlots } from "@/lib/health/log-follows";

export const dynamic = "force-dynamic";

/**
 * A service's logs: JSON with the newest lines, or with `follow=1` server-sent events
 * (`start`, `line`, `end`, `error`) until the browser goes away.
 */
export const GET = apiRoute({ name: "v1.services.logs", permission: "console:read" }, async ({ actor, params, request }) => {
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = logQuery.safeParse(search);
  if (!parsed.success) throw new AppError("bad_request", `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  const name = String(params.name);
  if (search.follow !== "1") return serviceLogs(name, parsed.data);
  // Only the service's own pods; a failed listing is left for the stream to report.
  await checkServicePod(name, parsed.data);
  // 429 with the reason when this person (or everyone together) follows too many logs already.
  const release = followSlots().acquire(actor.kind === "system" ? "system" : `${actor.kind}:${actor.id}`);

  const encoder = new TextEncoder();
  const abort = new AbortController();
  request.signal.addEventListener("abort", () => {
    abort.abort();
    release();
  });
  const events = followServiceLogs(name, parsed.data, abort.signal);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await events.next().catch((error: unknown) => ({ done: false as const, value: { type: "error" as const, error: { kind: "bad_response" as const, message: error instanceof Error ? error.message : "log stream failed" } } }));
      if (next.done) {
        release();
        return controller.close();
      }
      controller.enqueue(encoder.encode(`event: ${next.value.type}\ndata: ${JSON.stringify(next.value)}\n\n`));
      if (next.value.type === "end" || next.value.type === "error") {
        release();
        controller.close();
      }
    },
    cancel() {
      release();
      abort.abort();
      void events.return(undefined);
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive" } });
});
