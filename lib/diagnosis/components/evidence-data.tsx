import type { ReactNode } from "react";

/**
 * A step's data as fits it: a log excerpt for lines, a table for rows of records, key-values
 * for the rest. The data is a check's typed result (bounded), so shapes are sniffed, not
 * declared: a new check gets a sensible view without React.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (value: unknown): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);
const scalar = (value: Json): string =>
  value === null ? "—" : typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 3 }) : typeof value === "object" ? JSON.stringify(value) : String(value);

function RecordsTable({ rows }: { rows: Record<string, Json>[] }) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row).filter((key) => !isRecord(row[key]) && !Array.isArray(row[key]))))].slice(0, 8);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <thead className="text-fg-muted">
          <tr>{columns.map((column) => <th key={column} className="px-2 py-1 font-medium">{column}</th>)}</tr>
        </thead>
        <tbody>
          {rows.slice(0, 50).map((row, index) => (
            <tr key={index} className="border-t border-border">
              {columns.map((column) => <td key={column} className="px-2 py-1 font-mono">{scalar(row[column] ?? null)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 50 ? <p className="text-xs text-fg-muted">… {rows.length - 50} more rows</p> : null}
    </div>
  );
}

function LogExcerpt({ lines }: { lines: Json[] }) {
  return (
    <pre className="max-h-72 overflow-auto rounded bg-surface-sunken p-2 font-mono text-xs leading-relaxed" data-testid="log-excerpt">
      {lines.map((line) => (typeof line === "string" ? line : isRecord(line) ? String(line.line ?? line.text ?? JSON.stringify(line)) : scalar(line))).join("\n")}
    </pre>
  );
}

export function EvidenceData({ data }: { data: unknown }) {
  if (data === null || data === undefined) return null;
  if (!isRecord(data)) return Array.isArray(data) ? <EvidenceData data={{ items: data as Json[] }} /> : <p className="font-mono text-xs">{scalar(data as Json)}</p>;
  const scalars: [string, Json][] = [];
  const blocks: ReactNode[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) {
      if (!value.length) scalars.push([key, "none"]);
      else if (value.every((item) => typeof item === "string") && /line|log|tail/i.test(key)) blocks.push(<div key={key}><h5 className="text-xs text-fg-muted">{key}</h5><LogExcerpt lines={value} /></div>);
      else if (value.every(isRecord)) blocks.push(<div key={key}><h5 className="text-xs text-fg-muted">{key}</h5><RecordsTable rows={value as Record<string, Json>[]} /></div>);
      else scalars.push([key, value.map((item) => scalar(item)).join(", ")]);
    } else if (isRecord(value)) {
      const flat = Object.entries(value).filter(([, inner]) => !isRecord(inner) && !Array.isArray(inner));
      scalars.push(...flat.slice(0, 8).map(([inner, innerValue]): [string, Json] => [`${key}.${inner}`, innerValue]));
    } else scalars.push([key, value]);
  }
  return (
    <div className="space-y-2" data-testid="evidence-data">
      {scalars.length ? (
        <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
          {scalars.slice(0, 24).map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-fg-muted">{key}</dt>
              <dd className="break-words font-mono">{scalar(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {blocks}
    </div>
  );
}
