import type { Metadata } from "next";
import Link from "next/link";
import { DeclareIncidentDialog } from "@/components/incidents/declare-incident-dialog";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { Card } from "@/components/ui/card";
import { Cell, Row, Table } from "@/components/ui/table";
import { LocalTime } from "@/components/ui/local-time";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { can } from "@/lib/auth/roles";
import { incidentSubjects } from "@/lib/config/console-config";
import { formatDuration } from "@/lib/config/duration";
import { getDb } from "@/lib/db/client";
import { LEVELS, STATUSES } from "@/lib/incidents/lifecycle";
import { incidentFilters, incidentStats, listIncidents } from "@/lib/incidents/list-incidents";
import { SEVERITIES } from "@/lib/incidents/severity";
import { incidentRef } from "@/lib/incidents/types";

export const metadata: Metadata = { title: "Incidents" };

const PERIODS = { "7d": 7, "30d": 30, "90d": 90 } as const;

type Search = Record<string, string | undefined>;

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePagePermission("console:read");
  const params = await searchParams;
  const parsed = incidentFilters.safeParse(params);
  const filters = parsed.success ? parsed.data : incidentFilters.parse({});
  const period = (Object.keys(PERIODS) as (keyof typeof PERIODS)[]).find((key) => key === params.period) ?? "30d";
  const db = getDb();
  const now = new Date();
  const [{ incidents, next }, stats] = await Promise.all([
    listIncidents(db, filters),
    incidentStats(db, { ...filters, after: undefined }, { from: new Date(now.getTime() - PERIODS[period] * 86_400_000), to: now }),
  ]);
  const services = incidentSubjects();
  const select = "rounded-md border border-border bg-surface-raised px-2 py-1.5 text-sm";
  const keep = (extra: Search) => new URLSearchParams(Object.entries({ ...params, ...extra }).filter((pair): pair is [string, string] => Boolean(pair[1]))).toString();

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Incidents</h1>
          <p className="text-sm text-fg-muted">
            {stats.count} declared in the last {period}: MTTA {stats.mtta === null ? "n/a" : formatDuration(stats.mtta)} · MTTR{" "}
            {stats.mttr === null ? "n/a" : formatDuration(stats.mttr)}
          </p>
        </div>
        {can(user.role, "incident:write") ? (
          <div className="flex flex-wrap gap-2">
            <DeclareIncidentDialog services={services} />
          </div>
        ) : null}
      </header>
      {!parsed.success ? <Banner tone="warn" title="Some filters were not understood and were ignored" /> : null}
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter incidents">
        <label className="text-sm">
          <span className="block font-medium">Search titles</span>
          <input name="q" defaultValue={filters.q} className={select} placeholder="e.g. clickhouse" />
        </label>
        <label className="text-sm">
          <span className="block font-medium">Status</span>
          <select name="status" defaultValue={filters.status?.[0] ?? ""} className={select}>
            <option value="">any</option>
            {STATUSES.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">Severity</span>
          <select name="severity" defaultValue={filters.severity?.[0] ?? ""} className={select}>
            <option value="">any</option>
            {SEVERITIES.map((severity) => (
              <option key={severity}>{severity}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">Level</span>
          <select name="level" defaultValue={filters.level?.[0] ?? ""} className={select}>
            <option value="">any</option>
            {LEVELS.map((level) => (
              <option key={level}>{level}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">Service</span>
          <select name="service" defaultValue={filters.service ?? ""} className={select}>
            <option value="">any</option>
            {services.map((service) => (
              <option key={service}>{service}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">MTTA/MTTR over</span>
          <select name="period" defaultValue={period} className={select}>
            {Object.keys(PERIODS).map((key) => (
              <option key={key}>{key}</option>
            ))}
          </select>
        </label>
        <button className="rounded-md border border-border px-3 py-1.5 text-sm" type="submit">
          Apply
        </button>
      </form>
      {/* On a phone, one incident per card: what it is and its severity first, nothing to scroll sideways. */}
      <ul className="space-y-2 md:hidden" aria-label="Incidents">
        {incidents.map((incident) => (
          <li key={incident.id} className="rounded-lg border border-border bg-surface-raised px-4 py-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={incident.severity} />
              <Badge>{incident.status}</Badge>
              <Badge>{incident.level}</Badge>
            </div>
            <Link href={`/incidents/${incident.id}`} className="block break-words py-2 font-medium hover:underline coarse:py-3">
              <span className="font-mono text-xs text-fg-muted">{incidentRef(incident.number)}</span> {incident.title}
            </Link>
            <p className="break-words text-xs text-fg-muted">
              {incident.owner ?? "no owner"} · <LocalTime iso={incident.createdAt} />
              {incident.services.length ? ` · ${incident.services.join(", ")}` : ""}
            </p>
          </li>
        ))}
      </ul>
      <Card className="hidden overflow-x-auto p-0 md:block">
        <Table head={["Incident", "Severity", "Status", "Level", "Owner", "Services", "Declared"]}>
            {incidents.map((incident) => (
              <Row key={incident.id}>
                <Cell>
                  <Link href={`/incidents/${incident.id}`} className="hover:underline coarse:inline-block coarse:py-3">
                    <span className="font-mono text-xs text-fg-muted">{incidentRef(incident.number)}</span> {incident.title}
                  </Link>
                </Cell>
                <Cell>
                  <SeverityBadge severity={incident.severity} />
                </Cell>
                <Cell>
                  <Badge>{incident.status}</Badge>
                </Cell>
                <Cell>{incident.level}</Cell>
                <Cell>{incident.owner ?? "—"}</Cell>
                <Cell className="text-xs">{incident.services.join(", ")}</Cell>
                <Cell className="whitespace-nowrap text-fg-muted">
                  <LocalTime iso={incident.createdAt} />
                </Cell>
              </Row>
            ))}
        </Table>
      </Card>
      {incidents.length === 0 ? <p className="px-4 py-6 text-sm text-fg-muted">No incidents match. Good.</p> : null}
      {next ? (
        <Link className="text-sm text-accent hover:underline" href={`/incidents?${keep({ after: next })}`}>
          Older incidents →
        </Link>
      ) : null}
    </div>
  );
}
