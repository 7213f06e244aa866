import type { Metadata } from "next";
import Link from "next/link";
import { DeclareIncidentDialog } from "@/components/incidents/declare-incident-dialog";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { can } from "@/lib/auth/roles";
import { incidentSubjects } from "@/lib/config/console-config";
import { healthSnapshot } from "@/lib/health/shared-collector";
import { HealthBoard } from "@/components/health/health-board";
import { SuggestionsCard } from "@/lib/diagnosis/components/suggestions-card";
import { getDb } from "@/lib/db/client";
import { incidentFilters, listIncidents } from "@/lib/incidents/list-incidents";
import { incidentRef } from "@/lib/incidents/types";
import { EMERGENCIES, PROCEDURE_TITLES, PROCEDURES } from "@/lib/runbooks/procedures";

export const metadata: Metadata = { title: "Overview" };

/**
 * The overview: open incidents on top, then one live panel per catalog service and per
 * infrastructure system (the shared collector), then the runbook. With nothing configured
 * it says how to point the console at a cluster or start the lab.
 */
export default async function OverviewPage() {
  const user = await requirePagePermission("console:read");
  const { incidents: open } = await listIncidents(getDb(), incidentFilters.parse({ status: "investigating,identified,mitigated", limit: 10 }));
  const services = incidentSubjects();
  const health = await healthSnapshot();
  const nothingConfigured = [...health.services, ...health.systems].every((panel) => panel.status === "not_configured");
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className="text-sm text-fg-muted">What is broken, and why.</p>
        </div>
        {can(user.role, "incident:write") ? <DeclareIncidentDialog services={services} /> : null}
      </header>
      <Card>
        <CardTitle action={<Link href="/incidents" className="text-sm text-accent coarse:inline-block coarse:py-3">All incidents</Link>}>Open incidents</CardTitle>
        {open.length ? (
          <ul className="divide-y divide-border">
            {open.map((incident) => (
              <li key={incident.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
                <SeverityBadge severity={incident.severity} />
                <Link href={`/incidents/${incident.id}`} className="min-w-0 break-words font-medium hover:underline coarse:py-3">
                  <span className="font-mono text-xs text-fg-muted">{incidentRef(incident.number)}</span> {incident.title}
                </Link>
                <Badge>{incident.status}</Badge>
                <Badge>{incident.level}</Badge>
                <span className="ml-auto text-xs text-fg-muted">
                  {incident.owner ?? "no owner"} · <LocalTime iso={incident.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-fg-muted">No open incidents.</p>
        )}
      </Card>
      {nothingConfigured ? (
        <Card>
          <CardTitle>No systems to watch yet</CardTitle>
          <div className="space-y-3 text-sm">
            <p>
              Health panels fill in once the console knows where the pipeline runs. Nothing is configured on this
              installation, so every panel says &ldquo;not configured&rdquo; rather than something invented.
            </p>
            <ul className="list-disc space-y-1 pl-5 text-fg-muted">
              <li>
                To rehearse on a local copy of the pipeline: <code className="font-mono text-fg">npm run demo</code> (the lab and the console together)
              </li>
              <li>
                To watch a real cluster, give the console a kubeconfig (<code className="font-mono text-fg">KUBECONFIG</code>) and the
                pipeline&apos;s endpoints in <code className="font-mono text-fg">console.config.yaml</code> (see docs/catalog.md).
              </li>
            </ul>
          </div>
        </Card>
      ) : null}
      <SuggestionsCard />
      <HealthBoard
        initial={health}
        procedureTitles={PROCEDURE_TITLES}
        declare={can(user.role, "incident:write") ? { subjects: services, covered: [...new Set(open.flatMap((incident) => incident.services))] } : undefined}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle action={<Link href="/runbooks" className="text-sm text-accent coarse:inline-block coarse:py-3">All procedures</Link>}>Runbook procedures</CardTitle>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {PROCEDURES.map((procedure) => (
              <li key={procedure.id}>
                <Link className="hover:underline coarse:inline-block coarse:py-3" href={`/runbooks/${procedure.id}`}>
                  {procedure.title}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardTitle>Emergency procedures</CardTitle>
          <ul className="space-y-1 text-sm">
            {EMERGENCIES.map((emergency) => (
              <li key={emergency.id}>
                <Link className="hover:underline coarse:inline-block coarse:py-3" href={`/runbooks/${emergency.id}`}>
                  {emergency.title}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
