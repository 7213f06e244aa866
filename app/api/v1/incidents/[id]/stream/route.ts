import { apiRoute } from "@/lib/server/api-route";
import { watchIncident } from "@/lib/incidents/live/timeline-bus";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * Server-sent events: "changed" whenever anything is added to the incident, from any console
 * process. The browser then fetches what is new. A comment every 15 s keeps proxies from
 * closing an idle stream.
 */
export const GET = apiRoute({ name: "v1.incidents.stream", permission: "console:read" }, async ({ db, params, request }) => {
  const id = String(params.id);
  if (!(await db.incident.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("not_found", `No incident ${id}.`);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unwatch = await watchIncident(id, () => send(`event: changed\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`));
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), 15_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unwatch();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive" } });
});
