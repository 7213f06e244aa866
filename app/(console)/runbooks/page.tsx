import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { EMERGENCIES, PROCEDURES } from "@/lib/runbooks/procedures";

export const metadata: Metadata = { title: "Runbooks" };

export default async function RunbooksPage() {
  await requirePagePermission("console:read");
  const sections = [...new Set(PROCEDURES.map((procedure) => procedure.section))];
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Runbooks</h1>
        <p className="text-sm text-fg-muted">Common issues of the 254Carbon data processing pipeline: symptoms, diagnosis, resolution.</p>
      </header>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {sections.map((section) => (
          <Card key={section}>
            <h2 className="mb-2 text-sm font-semibold text-fg-muted">{section}</h2>
            <ul className="space-y-2">
              {PROCEDURES.filter((procedure) => procedure.section === section).map((procedure) => (
                <li key={procedure.id}>
                  <Link href={`/runbooks/${procedure.id}`} className="font-medium hover:underline coarse:inline-block coarse:py-3">
                    {procedure.title}
                  </Link>
                  {procedure.symptoms.length ? <p className="text-xs text-fg-muted">{procedure.symptoms.join(" · ")}</p> : null}
                </li>
              ))}
            </ul>
          </Card>
        ))}
        <Card>
          <h2 className="mb-2 text-sm font-semibold text-fail">Emergency procedures</h2>
          <ul className="space-y-2">
            {EMERGENCIES.map((emergency) => (
              <li key={emergency.id}>
                <Link href={`/runbooks/${emergency.id}`} className="font-medium hover:underline coarse:inline-block coarse:py-3">
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
