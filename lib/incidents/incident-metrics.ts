/** MTTA and MTTR, in milliseconds. Pure. */
export interface TimedIncident {
  detectedAt: Date;
  impactStartedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

/** Time to acknowledge: detection → first acknowledgement (declaring an incident acknowledges it). */
export function timeToAcknowledge(incident: TimedIncident): number | null {
  return incident.acknowledgedAt ? Math.max(0, incident.acknowledgedAt.getTime() - incident.detectedAt.getTime()) : null;
}

/** Time to resolve: start of impact → resolution. */
export function timeToResolve(incident: TimedIncident): number | null {
  return incident.resolvedAt ? Math.max(0, incident.resolvedAt.getTime() - incident.impactStartedAt.getTime()) : null;
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length ? present.reduce((sum, value) => sum + value, 0) / present.length : null;
}

export function meanTimes(incidents: TimedIncident[]): { mtta: number | null; mttr: number | null; count: number } {
  return { mtta: mean(incidents.map(timeToAcknowledge)), mttr: mean(incidents.map(timeToResolve)), count: incidents.length };
}
