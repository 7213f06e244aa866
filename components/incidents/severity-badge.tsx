import { SEVERITY_MEANINGS, type Severity } from "@/lib/incidents/severity";

const TONE: Record<Severity, string> = {
  SEV1: "bg-fail text-white",
  SEV2: "bg-warn text-black",
  SEV3: "border border-warn text-warn",
  SEV4: "border border-border text-fg-muted",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span title={SEVERITY_MEANINGS[severity]} className={`inline-flex rounded px-1.5 py-0.5 text-xs font-bold ${TONE[severity]}`}>
      {severity}
    </span>
  );
}
