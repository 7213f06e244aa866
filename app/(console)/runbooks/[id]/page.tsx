import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeclareIncidentDialog } from "@/components/incidents/declare-incident-dialog";
import { CopyCommand } from "@/components/runbooks/copy-command";
import { Card, CardTitle } from "@/components/ui/card";
import { can, lowestRoleWith } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { incidentSubjects } from "@/lib/config/console-config";
import { getDb } from "@/lib/db/client";
import { findProcedure } from "@/lib/diagnosis/catalogue";
import { StartFromRunbook } from "@/lib/diagnosis/components/start-from-runbook";
import { openIncidents } from "@/lib/diagnosis/open-incidents";
import type { EmergencyKind } from "@/lib/incidents/lifecycle";
import { OPERATION_PERMISSIONS, OPERATION_TITLES } from "@/lib/operations/types";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ service?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: findProcedure((await params).id)?.title ?? "Runbook" };
}

function Lines({ title, lines }: { title: string; lines: string[] }) {
  return (
    <Card>
      <CardTitle>{title}</CardTitle>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
    </Card>
  );
}

const KIND_LABEL = { check: "check", question: "question", checklist: "checklist", verify: "verify", operation: "operation" } as const;

/** A runbook procedure, rendered from its guided-diagnosis definition (lib/diagnosis/procedures). */
export default async function ProcedurePage({ params, searchParams }: Props) {
  const user = await requirePagePermission("console:read");
  const procedure = findProcedure((await params).id);
  if (!procedure) notFound();
  const canRun = can(user.role, "diagnosis:run");
  // ?service=<name>: arriving from a panel's Diagnose, the new incident names that service.
  const subjects = incidentSubjects();
  const requested = (await searchParams).service;
  const service = requested && subjects.includes(requested) ? requested : undefined;
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <p className="text-sm text-fg-muted">
          {procedure.section} · for {procedure.level}
        </p>
        <h1 className="text-2xl font-semibold">{procedure.title}</h1>
      </header>
      {procedure.kind === "emergency" && can(user.role, "incident:write") ? (
        <DeclareIncidentDialog services={incidentSubjects()} emergency={procedure.id as EmergencyKind} />
      ) : null}
      {canRun ? (
        <Card>
          <CardTitle>
            <span id="diagnose">Diagnose</span>
          </CardTitle>
          <StartFromRunbook procedure={procedure.id} title={service ? `${procedure.title}: ${service}` : procedure.title} incidents={await openIncidents(getDb())} services={subjects} service={service} />
        </Card>
      ) : null}
      {procedure.symptoms.length ? (
        <Card>
          <CardTitle>Symptoms</CardTitle>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {procedure.symptoms.map((symptom) => (
              <li key={symptom}>{symptom}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      {procedure.immediateActions ? <Lines title="Immediate actions" lines={procedure.immediateActions} /> : null}
      {procedure.recoverySteps ? <Lines title="Recovery steps" lines={procedure.recoverySteps} /> : null}
      <Card>
        <CardTitle>Steps</CardTitle>
        <ol className="space-y-3">
          {procedure.steps.map((step, index) => (
            <li key={step.id} data-step={step.id}>
              <p className="text-sm font-medium">
                {index + 1}. {step.title} <span className="text-xs font-normal text-fg-muted">({KIND_LABEL[step.kind]}{step.kind === "check" && !step.inRunbook ? ", added by the console" : ""})</span>
              </p>
              {step.kind === "check" ? (
                <div className="mt-1 flex items-start gap-2 rounded-md bg-surface-sunken p-3">
                  <pre tabIndex={0} className="flex-1 overflow-x-auto font-mono text-xs">{step.command}</pre>
                  <CopyCommand command={step.command} />
                </div>
              ) : null}
              {step.kind === "operation" ? (
                <div className="mt-1 space-y-1">
                  <div className="flex items-start gap-2 rounded-md bg-surface-sunken p-3">
                    <pre tabIndex={0} className="flex-1 overflow-x-auto font-mono text-xs">{step.command}</pre>
                    <CopyCommand command={step.command} />
                  </div>
                  <p className="text-xs text-fg-muted">In a run on an incident the console does it: {OPERATION_TITLES[step.operation]}, previewed by the API server and confirmed by typing the object&apos;s name ({lowestRoleWith(OPERATION_PERMISSIONS[step.operation]).toUpperCase()} and above).</p>
                </div>
              ) : null}
              {step.kind === "question" ? <p className="text-sm text-fg-muted">{step.question}</p> : null}
              {step.kind === "checklist" ? (
                <ul className="list-disc pl-5 text-sm text-fg-muted">
                  {step.items.map((item) => <li key={item}>{item}</li>)}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
      {procedure.kind === "procedure" && procedure.resolution.length ? <Lines title="Resolution" lines={procedure.resolution} /> : null}
    </div>
  );
}
