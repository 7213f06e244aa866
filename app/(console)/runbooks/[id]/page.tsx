import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeclareIncidentDialog } from "@/components/incidents/declare-incident-dialog";
import { CopyCommand } from "@/components/runbooks/copy-command";
import { can } from "@/lib/auth/roles";
import { incidentSubjects } from "@/lib/config/console-config";
import type { EmergencyKind } from "@/lib/incidents/lifecycle";
import { Card, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { EMERGENCIES, PROCEDURES } from "@/lib/runbooks/procedures";

type Props = { params: Promise<{ id: string }> };

function find(id: string) {
  return PROCEDURES.find((procedure) => procedure.id === id) ?? EMERGENCIES.find((emergency) => emergency.id === id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: find((await params).id)?.title ?? "Runbook" };
}

function Steps({ title, steps }: { title: string; steps: string[] }) {
  return (
    <Card>
      <CardTitle>{title}</CardTitle>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </Card>
  );
}

export default async function ProcedurePage({ params }: Props) {
  const user = await requirePagePermission("console:read");
  const item = find((await params).id);
  if (!item) notFound();
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <p className="text-sm text-fg-muted">{"section" in item ? item.section : "Emergency procedure"}</p>
        <h1 className="text-2xl font-semibold">{item.title}</h1>
      </header>
      {"section" in item ? (
        <>
          {item.symptoms.length ? (
            <Card>
              <CardTitle>Symptoms</CardTitle>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {item.symptoms.map((symptom) => (
                  <li key={symptom}>{symptom}</li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card>
            <CardTitle>Diagnosis</CardTitle>
            <ol className="space-y-3">
              {item.diagnosis.map((step) => (
                <li key={step.command}>
                  <p className="text-sm font-medium">{step.purpose}</p>
                  <div className="mt-1 flex items-start gap-2 rounded-md bg-surface-sunken p-3">
                    <pre tabIndex={0} className="flex-1 overflow-x-auto font-mono text-xs">{step.command}</pre>
                    <CopyCommand command={step.command} />
                  </div>
                </li>
              ))}
            </ol>
          </Card>
          {item.resolution.length ? <Steps title="Resolution" steps={item.resolution} /> : null}
        </>
      ) : (
        <>
          {can(user.role, "incident:write") ? (
            <DeclareIncidentDialog services={incidentSubjects()} emergency={item.id as EmergencyKind} />
          ) : null}
          <Steps title="Immediate actions" steps={item.immediateActions} />
          <Steps title="Recovery steps" steps={item.recoverySteps} />
        </>
      )}
    </div>
  );
}
