import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServiceView } from "@/components/health/service-view";
import { SuggestionsCard } from "@/lib/diagnosis/components/suggestions-card";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { can } from "@/lib/auth/roles";
import { consoleConfig } from "@/lib/config/console-config";
import { getDb } from "@/lib/db/client";
import { serviceDetail } from "@/lib/health/service-detail";
import { incidentFilters, listIncidents } from "@/lib/incidents/list-incidents";
import { incidentRef } from "@/lib/incidents/types";
import { actOptions } from "@/lib/operations/availability";
import { ServiceAct } from "@/lib/operations/service-act";
import { PROCEDURE_TITLES } from "@/lib/runbooks/procedures";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).name };
}

/** /services/<name>: one catalog service in depth, with "capture to incident". */
export default async function ServicePage({ params }: Props) {
  const user = await requirePagePermission("console:read");
  const { name } = await params;
  if (!consoleConfig().services.some((service) => service.name === name)) notFound();
  const [detail, open] = await Promise.all([
    serviceDetail(name),
    can(user.role, "incident:write") ? listIncidents(getDb(), incidentFilters.parse({ status: "investigating,identified,mitigated", limit: 50 })) : null,
  ]);
  const incidents = open ? open.incidents.map((incident) => ({ id: incident.id, label: `${incidentRef(incident.number)} · ${incident.title}` })) : null;
  // The service's own objects only (its Deployment; "delete pod" lists its pods); the operations' levels are checked again on the server.
  const act = incidents ? actOptions(consoleConfig()) : null;
  return (
    <div className="space-y-4">
      <SuggestionsCard service={name} />
      <ServiceView initial={detail} incidents={incidents} procedureTitles={PROCEDURE_TITLES} />
      {act && incidents ? <ServiceAct service={name} incidents={incidents} role={user.role} targets={act.targets.filter((target) => target.owner === name)} unavailable={act.unavailable} /> : null}
    </div>
  );
}
