import type { ReactNode, TdHTMLAttributes } from "react";

/** The console's tables: a header row of muted labels, rows separated by a rule. */
export function Table({ head, children }: { head: ReactNode[]; children: ReactNode }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-fg-muted">
        <tr>
          {head.map((label, index) => (
            <th key={index} className="px-4 py-2 font-medium">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export function Row({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <tr className={`border-t border-border ${className}`}>{children}</tr>;
}

export function Cell({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`px-4 py-2 ${className}`} {...props} />;
}
