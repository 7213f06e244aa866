import { Flame, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import { SEVERITY_MEANINGS, type Severity } from "@/lib/incidents/severity";

const TONE: Record<Severity, string> = {
  SEV1: "bg-fail text-fail-fg",
  SEV2: "bg-warn text-warn-fg",
  SEV3: "border border-warn text-warn",
  SEV4: "border border-border text-fg-muted",
};

// A shape as well as a colour, so severity never rests on colour alone.
const ICON: Record<Severity, LucideIcon> = { SEV1: Flame, SEV2: TriangleAlert, SEV3: TriangleAlert, SEV4: Info };

export function SeverityBadge({ severity }: { severity: Severity }) {
  const Icon = ICON[severity];
  return (
    <span title={SEVERITY_MEANINGS[severity]} className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-bold ${TONE[severity]}`}>
      <Icon aria-hidden className="size-3.5" />
      {severity}
    </span>
  );
}
