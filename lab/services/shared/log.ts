/**
 * Service logging: one line per event on stdout (stderr for ERROR), like a container.
 * The lab controller captures both streams into CRI log files that `kubectl logs` reads,
 * so the runbook's `kubectl logs … | grep ERROR` / `grep TLS` / `grep rate_limit` work.
 *
 * Line format: `<ISO time> <LEVEL> [<service>] <message> key=value …`
 */
export type Level = "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  fatal(msg: string, fields?: Record<string, unknown>): void;
}

const quiet = process.env.LAB_LOG_LEVEL !== "debug";

function format(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /[\s"=]/.test(text ?? "") ? JSON.stringify(text) : String(text);
}

export function createLogger(service: string): Logger {
  const write = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
    if (level === "DEBUG" && quiet) return;
    const extra = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}=${format(v)}`)
      .join("");
    const line = `${new Date().toISOString()} ${level} [${service}] ${msg}${extra}\n`;
    (level === "ERROR" || level === "FATAL" ? process.stderr : process.stdout).write(line);
  };
  return {
    debug: (m, f) => write("DEBUG", m, f),
    info: (m, f) => write("INFO", m, f),
    warn: (m, f) => write("WARN", m, f),
    error: (m, f) => write("ERROR", m, f),
    fatal: (m, f) => write("FATAL", m, f),
  };
}
