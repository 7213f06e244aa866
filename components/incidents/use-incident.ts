"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { incidentJson } from "@/lib/incidents/incident-api";

export type IncidentData = ReturnType<typeof incidentJson>;

async function fetchIncident(id: string): Promise<IncidentData> {
  const response = await fetch(`/api/v1/incidents/${id}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The console answered ${response.status}`);
  }
  return response.json();
}

/**
 * The incident, kept live: a server-sent event says "changed" (from any console process)
 * and the query refetches. A slow poll covers a stream that dropped without notice.
 */
export function useIncident(initial: IncidentData) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<"connecting" | "live" | "reconnecting">("connecting");
  const query = useQuery({
    queryKey: ["incident", initial.id],
    queryFn: () => fetchIncident(initial.id),
    initialData: initial,
    refetchInterval: 15_000,
  });
  useEffect(() => {
    const source = new EventSource(`/api/v1/incidents/${initial.id}/stream`);
    source.addEventListener("ready", () => setLive("live"));
    source.addEventListener("changed", () => void queryClient.invalidateQueries({ queryKey: ["incident", initial.id] }));
    source.onerror = () => setLive("reconnecting");
    source.onopen = () => {
      setLive("live");
      // Whatever happened while disconnected.
      void queryClient.invalidateQueries({ queryKey: ["incident", initial.id] });
    };
    return () => source.close();
  }, [initial.id, queryClient]);
  return { ...query, live, refresh: () => queryClient.invalidateQueries({ queryKey: ["incident", initial.id] }) };
}
