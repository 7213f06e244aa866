"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { Suggestion } from "../suggest-procedures";

/**
 * "What to diagnose": procedures live health points at, with the reason in words, each with
 * a Diagnose link to its runbook page (which starts the run on an open or a new incident).
 * Shows nothing while health is quiet.
 */
export function SuggestionsCard({ service }: { service?: string }) {
  const query = useQuery({
    queryKey: ["suggestions", service ?? null],
    queryFn: async () => {
      const response = await fetch(`/api/v1/suggestions${service ? `?service=${encodeURIComponent(service)}` : ""}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`The console answered ${response.status}`);
      return (await response.json()) as { procedures: Suggestion[] };
    },
    refetchInterval: 5_000,
  });
  const procedures = query.data?.procedures ?? [];
  if (!procedures.length) return null;
  return (
    <section className="rounded-lg border border-warn/40 bg-surface-raised p-4" aria-labelledby="suggestions-heading" data-testid="suggestions-card">
      <h2 id="suggestions-heading" className="mb-2 text-sm font-semibold">Suggested diagnosis</h2>
      <ul className="space-y-1.5">
        {procedures.map((suggestion) => (
          <li key={suggestion.id} className="flex flex-wrap items-center gap-2 text-sm" data-procedure={suggestion.id}>
            <span className={`min-w-0 flex-1 ${suggestion.verdict === "fail" ? "text-fail" : "text-warn"}`}>{suggestion.reason}</span>
            <Link
              href={`/runbooks/${suggestion.id}${(service ?? suggestion.service) ? `?service=${encodeURIComponent((service ?? suggestion.service)!)}` : ""}#diagnose`}
              className="rounded-md border border-border px-2 py-1 text-xs font-medium hover:bg-surface-sunken"
            >
              Diagnose
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
