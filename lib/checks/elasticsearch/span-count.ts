import { z } from "zod";
import { spanCount } from "@/lib/connectors/elasticsearch/elasticsearch-api";
import { connectorFailure, defineCheck } from "../define-check";

/**
 * `kubectl exec -it elasticsearch-0 -n data-processing -- curl http://localhost:9200/jaeger-span-*\/_count`:
 * how many spans Jaeger has stored (the index pattern is fixed). None at all, or shards
 * that failed to answer, are worth a look.
 */
export const spanCountCheck = defineCheck({
  id: "elasticsearch.span-count",
  system: "elasticsearch",
  title: "Spans stored in Elasticsearch",
  runbook: { procedure: "trace-quality-issues", purpose: "Check span volume", command: "kubectl exec -it elasticsearch-0 -n data-processing -- curl \\\n  http://localhost:9200/jaeger-span-*/_count" },
  params: z.object({}),
  // the lab's elasticsearch-0 is OpenSearch 2.19 (same cluster-health and _count API)
  lab: true,
  async run(context) {
    const result = await spanCount(context.catalog.systems.elasticsearch.url, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const { count, shards, index } = result.value;
    const verdict = shards.failed > 0 || count === 0 ? "warn" : "ok";
    const failed = shards.failed ? `, ${shards.failed}/${shards.total} shards failed` : "";
    return { verdict, summary: `${count.toLocaleString("en-US")} spans in ${index}${failed}`, data: result.value };
  },
});
