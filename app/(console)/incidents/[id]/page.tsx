import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IncidentView } from "@/components/incidents/incident-view";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { getDb } from "@/lib/db/client";
import { getIncident } from "@/lib/incidents/get-incident";
import { incidentJson } from "@/lib/incidents/incident-api";
import { incidentRef } from "@/lib/incidents/types";
import { consoleConfig } from "@/lib/config/console-config";
import { actOptions } from "@/lib/operations/availability";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const incident = await getDb().incident.findUnique({ where: { id: (await params).id }, select: { number: true, title: true } });
  return { title: incident ? `${incidentRef(incident.number)} ${incident.title}` : "Incident" };
}

export default async function IncidentPage({ params }: Props) {
  const user = await requirePagePermission("console:read");
  const detail = await getIncident(getDb(), (await params).id);
  if (!detail) notFound();
  return <IncidentView initial={incidentJson(detail)} viewer={{ email: user.email, role: user.role }} act={actOptions(consoleConfig())} />;
}
