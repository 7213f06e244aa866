import { CopyCommand } from "@/components/runbooks/copy-command";
import { findProcedure } from "../catalogue";
import { EvidenceData } from "./evidence-data";

/** Under an evidence entry on the timeline: which run and step, the command it replaced, the parameters, the data. */
export function EvidenceDetail({ evidence }: { evidence: Record<string, unknown> }) {
  const run = evidence.run as { procedure?: string; stepTitle?: string; attempt?: number } | undefined;
  const command = typeof evidence.command === "string" ? evidence.command : null;
  const params = evidence.params as Record<string, unknown> | undefined;
  if (!run && !command && evidence.detail === undefined) return null;
  return (
    <div className="mt-1 space-y-1 text-xs" data-testid="evidence-detail">
      {run ? (
        <p className="text-fg-muted">
          Guided diagnosis: {(run.procedure && findProcedure(run.procedure)?.title) ?? run.procedure} › {run.stepTitle}
          {run.attempt && run.attempt > 1 ? ` (attempt ${run.attempt})` : ""}
          {params && Object.keys(params).length ? ` · ${JSON.stringify(params)}` : ""}
        </p>
      ) : null}
      {command ? (
        <div className="flex items-start gap-1 text-fg-muted">
          <span>replaces</span>
          <code className="min-w-0 flex-1 truncate font-mono" title={command}>{command.split("\n")[0]}{command.includes("\n") ? " …" : ""}</code>
          <CopyCommand command={command} />
        </div>
      ) : null}
      {evidence.detail !== undefined && evidence.detail !== null ? (
        <details>
          <summary className="cursor-pointer text-accent">Data</summary>
          <div className="mt-1"><EvidenceData data={evidence.detail} /></div>
        </details>
      ) : null}
    </div>
  );
}
