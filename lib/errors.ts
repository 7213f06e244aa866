/**
 * Expected failures carry a code and a message written for the person using the console.
 * Anything else is a bug: it is logged with an id and the user sees only that id.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: AppErrorCode, userMessage: string, options?: { cause?: unknown; fieldErrors?: Record<string, string[]> }) {
    super(userMessage, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.fieldErrors = options?.fieldErrors;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A database that cannot be reached, in any of the shapes pg and Prisma report it. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "57P01", "57P03", "P1001", "P1002", "P1017"].includes(code)) {
      return true;
    }
    if (typeof message === "string" && /ECONNREFUSED|Connection terminated|connection timeout|Can't reach database|timeout exceeded when trying to connect|Query read timeout|the database system is (starting up|shutting down)/i.test(message)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The console's database is unreachable, so nothing was saved. Your input is kept; try again when it is back (see /api/ready).";
