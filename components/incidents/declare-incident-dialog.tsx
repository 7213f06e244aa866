"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Siren } from "lucide-react";
import { declareIncidentAction } from "@/app/(console)/incidents/actions";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { newIdempotencyKey } from "@/components/ui/idempotency-key";
import { useServerAction } from "@/components/ui/use-server-action";
import { SEVERITIES, SEVERITY_MEANINGS, type Severity } from "@/lib/incidents/severity";
import type { EmergencyKind } from "@/lib/incidents/lifecycle";

const EMERGENCY_LABELS: Record<EmergencyKind, string> = {
  "service-outage": "Service outage",
  "data-loss": "Data loss (starts at L3)",
  "security-breach": "Security breach (starts at L3, notifies the security team)",
};

/**
 * Declaring takes one title, a severity and (optionally) the affected services: a few
 * seconds with the keyboard. Title is focused; Enter declares. Each opening of the dialog
 * is one declaration: its idempotency key makes a retried submit (the hook retries when
 * the answer is lost) return the incident already declared instead of a second one.
 */
export function DeclareIncidentDialog({
  services,
  emergency,
  label,
  prefill,
  size,
}: {
  services: string[];
  emergency?: EmergencyKind;
  label?: string;
  /** from a panel that turned non-ok: its reason as the title, its service ticked */
  prefill?: { title: string; services: string[] };
  size?: "sm";
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The overview holds one dialog per non-ok panel besides its own: ids must not repeat.
  const titleId = useId();
  const inputId = useId();
  const router = useRouter();
  const [title, setTitle] = useState(prefill?.title ?? "");
  const [severity, setSeverity] = useState<Severity>(emergency ? "SEV1" : "SEV2");
  const [chosen, setChosen] = useState<string[]>(prefill?.services ?? []);
  const [error, setError] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { run, pending, notice } = useServerAction(declareIncidentAction);

  const open = () => {
    setIdempotencyKey(newIdempotencyKey());
    dialog.current?.showModal();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    void run({ title, severity, services: chosen, emergency: emergency ?? null, idempotencyKey }).then((result) => {
      if (result.ok) {
        dialog.current?.close();
        router.push(`/incidents/${result.value.id}`);
      } else {
        setError(result.error.message);
      }
    });
  };

  return (
    <>
      <Button variant={emergency ? "danger" : prefill ? "secondary" : "primary"} className={size === "sm" ? "px-2 py-1 text-xs" : ""} onClick={open}>
        <Siren aria-hidden className="size-4" />
        {label ?? (emergency ? `Declare ${EMERGENCY_LABELS[emergency].split(" (")[0]!.toLowerCase()}` : "Declare incident")}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[min(36rem,92vw)] rounded-lg border border-border bg-surface-raised p-5 text-fg backdrop:bg-black/50">
        <form onSubmit={submit} className="space-y-4">
          <h2 id={titleId} className="text-lg font-semibold">
            {emergency ? `Declare emergency: ${EMERGENCY_LABELS[emergency]}` : "Declare an incident"}
          </h2>
          {notice ? <Banner tone="warn" title={notice} /> : error ? <Banner tone="fail" title="Not declared">{error}</Banner> : null}
          <div className="space-y-1">
            <label htmlFor={inputId} className="block text-sm font-medium">
              What is happening?
            </label>
            <input
              id={inputId}
              autoFocus
              required
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              placeholder="e.g. Ticks not reaching ClickHouse since 02:10"
              className="w-full rounded-md border border-border bg-surface px-3 py-2 text-sm"
            />
          </div>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Severity</legend>
            {SEVERITIES.map((value) => (
              <label key={value} className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1 text-sm hover:bg-surface-sunken">
                <input type="radio" name="severity" value={value} checked={severity === value} onChange={() => setSeverity(value)} className="mt-1" />
                <span>
                  <span className="font-semibold">{value}</span> <span className="text-fg-muted">{SEVERITY_MEANINGS[value]}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium">Affected services</legend>
            <div className="mt-1 flex flex-wrap gap-2">
              {services.map((service) => (
                <label key={service} className="flex items-center gap-1 rounded border border-border px-2 py-1 text-xs">
                  <input
                    type="checkbox"
                    checked={chosen.includes(service)}
                    onChange={(event) => setChosen((current) => (event.target.checked ? [...current, service] : current.filter((name) => name !== service)))}
                  />
                  {service}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant={emergency ? "danger" : "primary"} disabled={pending}>
              {pending ? "Declaring…" : "Declare"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
