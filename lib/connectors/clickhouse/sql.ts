/**
 * The one place ClickHouse SQL gets values: ClickHouse 18.16 has no HTTP query parameters
 * (`{name:Type}` arrived in 19.x; 18.16 answers `Unknown setting param_…`), so statements are
 * written as templates and every interpolated value becomes a literal here. Strings are
 * quoted and escaped, numbers must be finite, identifiers must match a strict pattern and
 * are back-quoted. Anything else throws before a byte is sent.
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A table or database name that passed the pattern (optionally `database.table`). */
export class Identifier {
  private constructor(readonly parts: readonly string[]) {}

  static parse(name: string): Identifier {
    const parts = name.split(".");
    if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) throw new Error(`not an identifier: ${JSON.stringify(name.slice(0, 80))}`);
    return new Identifier(parts);
  }

  /** The bare table name (without the database). */
  get name(): string {
    return this.parts[this.parts.length - 1]!;
  }

  /** The database, when written as `database.table`. */
  get database(): string | undefined {
    return this.parts.length === 2 ? this.parts[0] : undefined;
  }
}

export const isIdentifier = (name: string) => name.split(".").length <= 2 && name.split(".").every((part) => IDENTIFIER.test(part));

export type SqlValue = string | number | Identifier | readonly (string | number)[];

function literal(value: SqlValue): string {
  if (value instanceof Identifier) return value.parts.map((part) => `\`${part}\``).join(".");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("not a finite number");
    return String(value);
  }
  if (typeof value === "string") {
    const escaped = value.replace(/[\\'\n\r\t\0]/g, (char) => ({ "\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" })[char]!);
    return `'${escaped}'`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new Error("empty list");
    return `(${value.map((item) => literal(item)).join(", ")})`;
  }
  throw new Error(`cannot be written into SQL: ${typeof value}`);
}

/**
 * sql`SELECT count() FROM ${Identifier.parse(table)} WHERE symbol = ${symbol}` → a statement
 * with the values as literals. The template parts are the caller's constant SQL.
 */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): string {
  return strings.reduce((text, part, index) => text + part + (index < values.length ? literal(values[index]!) : ""), "");
}
