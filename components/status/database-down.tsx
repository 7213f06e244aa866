import { Banner } from "@/components/ui/banner";

/** Shown instead of a page when the console's own database cannot be reached. */
export function DatabaseDown() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <Banner tone="fail" title="The console's database is unreachable">
        <p>
          Pages that read or write incidents cannot load until it is back. Nothing you did was lost: no write is
          reported as done unless it was saved.
        </p>
        <p className="mt-2">
          Check <a className="underline" href="/api/ready">/api/ready</a> for the current state. This page retries when you reload it.
        </p>
      </Banner>
    </main>
  );
}
