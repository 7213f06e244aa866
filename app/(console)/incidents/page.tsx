import type { Metadata } from "next";
import { Card, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { ROLE_LABELS, ROLE_RESPONSIBILITIES } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requirePagePermission("console:read");
  const levels = ["l1", "l2", "l3"] as const;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Incidents</h1>
        <p className="text-sm text-fg-muted">The record of each outage: timeline, evidence, escalation and hand-off.</p>
      </header>
      <Card>
        <CardTitle>No incident records yet</CardTitle>
        <p className="text-sm text-fg-muted">
          Declaring and tracking incidents is not part of this installation yet. Until it is, escalate by the levels below.
        </p>
      </Card>
      <Card>
        <CardTitle>Escalation levels</CardTitle>
        <div className="grid gap-4 sm:grid-cols-3">
          {levels.map((level) => (
            <div key={level}>
              <h3 className="text-sm font-semibold">{ROLE_LABELS[level]}</h3>
              <ul className="mt-1 list-disc pl-5 text-sm text-fg-muted">
                {ROLE_RESPONSIBILITIES[level].map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}
