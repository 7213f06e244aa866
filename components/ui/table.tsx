import type { ReactNode, TdHTMLAttributes } from "react";

/**
 * The console's tables: a header row of muted labels, rows separated by a rule. A table wider
 * than the screen (a phone) scrolls inside its own box, never the page; the box takes focus so
 * the keyboard can scroll it too.
 */
export function Table({ head, children, label }: { head: ReactNode[]; children: ReactNode; label?: string }) {
  const name = label ?? head.filter((item): item is string => typeof item === "string" && item !== "").join(", ");
  return (
    <div className="max-w-full overflow-x-auto" tabIndex={0} role="region" aria-label={name}>
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-fg-muted">
          <tr>
            {head.map((heading, index) => (
              <th key={index} className="px-4 py-2 font-medium">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Row({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <tr className={`border-t border-border ${className}`}>{children}</tr>;
}

export function Cell({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`px-4 py-2 ${className}`} {...props} />;
}
