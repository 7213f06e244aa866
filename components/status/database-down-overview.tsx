import { HealthBoard } from "@/components/health/health-board";
import { Banner } from "@/components/ui/banner";
import { healthSnapshot } from "@/lib/health/shared-collector";
import { PROCEDURE_TITLES } from "@/lib/runbooks/procedures";

/**
 * Shown in place of any console page while the console's own database is unreachable, to
 * someone signed in (lib/auth/current-actor.ts `sessionViewerWhileDatabaseDown`): what
 * cannot work, and the live health of the systems, which needs no database — an outage that
 * takes the console's database with it must not blind the responders. Read-only: nothing
 * here writes.
 */
export async function DatabaseDownOverview() {
  const health = await healthSnapshot();
  return (
    <div className="space-y-6" data-testid="database-down-overview">
      <header>
        <h1 className="text-2xl font-semibold">Overview (read-only)</h1>
        <p className="text-sm text-fg-muted">Live health straight from the systems.</p>
      </header>
      <Banner tone="fail" title="The console's database is unreachable">
        <p>
          Incidents, diagnosis runs and operations cannot be read or saved until it is back, and nothing is reported as
          saved unless it was. The panels below come straight from the systems and stay live.
        </p>
        <p className="mt-2">
          You are signed in read-only from your session. Check <a className="underline" href="/api/ready">/api/ready</a>;
          reload to open the page you asked for once the database is back.
        </p>
      </Banner>
      <HealthBoard initial={health} procedureTitles={PROCEDURE_TITLES} />
    </div>
  );
}
