import type { ReactNode } from "react";

export function Badge({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <span className={`inline-flex items-center rounded border border-border bg-surface-sunken px-1.5 py-0.5 text-xs font-medium text-fg-muted ${className}`}>
      {children}
    </span>
  );
}
