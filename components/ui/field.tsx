import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

const control =
  "w-full rounded-md border border-border bg-surface-raised px-3 py-2 text-sm text-fg placeholder:text-fg-muted aria-[invalid=true]:border-fail";

/** A labelled input with its error right under it (announced to screen readers). */
export function Field({
  label,
  name,
  error,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: ReactNode }) {
  const describedBy = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={control} {...props} />
      {error ? (
        <p id={`${name}-error`} className="text-sm text-fail">
          {error}
        </p>
      ) : hint ? (
        <p id={`${name}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; error?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} aria-invalid={error ? true : undefined} className={control} {...props}>
        {children}
      </select>
      {error ? <p className="text-sm text-fail">{error}</p> : null}
    </div>
  );
}
