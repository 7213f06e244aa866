import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Cell, Row, Table } from "@/components/ui/table";
import { LocalTime } from "@/components/ui/local-time";
import { listAudit } from "@/lib/audit/list-audit";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log" };

type Search = { before?: string; action?: string; outcome?: string };

const OUTCOMES = ["ok", "denied", "failed"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePagePermission("admin:audit");
  const params = await searchParams;
  const before = params.before && /^\d+$/.test(params.before) ? BigInt(params.before) : undefined;
  const outcome = OUTCOMES.find((value) => value === params.outcome);
  const action = params.action?.slice(0, 80) || undefined;
  const { entries, nextBefore } = await listAudit(getDb(), { before, action, outcome });
  const next = new URLSearchParams({ ...(action ? { action } : {}), ...(outcome ? { outcome } : {}), ...(nextBefore ? { before: String(nextBefore) } : {}) });

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm text-fg-muted">Every write and every refused attempt, newest first. Append-only: the database refuses edits.</p>
      </header>
      <form className="flex flex-wrap items-end gap-3" method="get">
        <label className="text-sm">
          <span className="block font-medium">Action starts with</span>
          <input name="action" defaultValue={action} placeholder="e.g. user." className="mt-1 rounded-md border border-border bg-surface-raised px-3 py-1.5 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block font-medium">Outcome</span>
          <select name="outcome" defaultValue={outcome ?? ""} className="mt-1 rounded-md border border-border bg-surface-raised px-3 py-1.5 text-sm">
            <option value="">any</option>
            {OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <button className="rounded-md border border-border px-3 py-1.5 text-sm" type="submit">
          Filter
        </button>
      </form>
      <Card className="overflow-x-auto p-0">
        <Table head={["When", "Who", "Action", "Outcome", "Target", "Detail / change"]}>
            {entries.map((entry) => (
              <Row key={String(entry.id)} className="align-top">
                <Cell className="whitespace-nowrap text-fg-muted">
                  <LocalTime iso={entry.at.toISOString()} />
                </Cell>
                <Cell>{entry.actor}</Cell>
                <Cell className="font-mono text-xs">{entry.action}</Cell>
                <Cell>
                  <Badge className={entry.outcome === "ok" ? "text-ok" : "text-fail"}>{entry.outcome}</Badge>
                </Cell>
                <Cell className="font-mono text-xs">{entry.targetType ? `${entry.targetType}:${entry.targetId}` : "—"}</Cell>
                <Cell className="text-xs text-fg-muted">
                  {entry.detail}
                  {entry.before !== null || entry.after !== null ? (
                    <pre className="mt-1 whitespace-pre-wrap font-mono">
                      {entry.before !== null ? `before ${JSON.stringify(entry.before)}\n` : ""}
                      {entry.after !== null ? `after  ${JSON.stringify(entry.after)}` : ""}
                    </pre>
                  ) : null}
                </Cell>
              </Row>
            ))}
        </Table>
        {entries.length === 0 ? <p className="px-4 py-6 text-sm text-fg-muted">No entries match.</p> : null}
      </Card>
      {nextBefore ? (
        <Link className="text-sm text-accent hover:underline" href={`/admin/audit?${next.toString()}`}>
          Older entries →
        </Link>
      ) : null}
    </div>
  );
}
