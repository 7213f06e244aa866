import type { Metadata } from "next";
import { Card, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { EMERGENCIES, PROCEDURES } from "@/lib/runbooks/procedures";
import Link from "next/link";

export const metadata: Metadata = { title: "Overview" };

/**
 * The overview. Live health panels come with the service catalog and connectors; until a
 * cluster is configured this page says how to point the console at one or start the lab.
 */
export default async function OverviewPage() {
  await requirePagePermission("console:read");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-fg-muted">What is broken, and why.</p>
      </header>
      <Card>
        <CardTitle>No systems to watch yet</CardTitle>
        <div className="space-y-3 text-sm">
          <p>
            Health panels appear here once the console knows where the pipeline runs. Nothing is configured on this
            installation, so nothing is shown rather than something invented.
          </p>
          <ul className="list-disc space-y-1 pl-5 text-fg-muted">
            <li>
              To rehearse on a local copy of the pipeline, start the lab: <code className="font-mono text-fg">npm run lab -- up</code>
            </li>
            <li>
              To watch a real cluster, give the console a kubeconfig (<code className="font-mono text-fg">KUBECONFIG</code>) and the
              pipeline&apos;s endpoints in <code className="font-mono text-fg">console.config.yaml</code>.
            </li>
          </ul>
        </div>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle action={<Link href="/runbooks" className="text-sm text-accent">All procedures</Link>}>Runbook procedures</CardTitle>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {PROCEDURES.map((procedure) => (
              <li key={procedure.id}>
                <Link className="hover:underline" href={`/runbooks/${procedure.id}`}>
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
                <Link className="hover:underline" href={`/runbooks/${emergency.id}`}>
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
