/** Severities with the meaning shown wherever one is chosen. */
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_MEANINGS: Record<Severity, string> = {
  SEV1: "Critical: the pipeline is down or data is being lost. Everyone needed, now.",
  SEV2: "Major: a core service is degraded and consumers of the data are affected.",
  SEV3: "Minor: partial degradation with a workaround; no data loss.",
  SEV4: "Low: no customer impact; fix in working hours.",
};
