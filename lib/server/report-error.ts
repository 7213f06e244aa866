import "server-only";
import { randomUUID } from "node:crypto";
import { DATABASE_UNAVAILABLE_MESSAGE, isAppError, isDatabaseUnavailable, type AppErrorCode } from "@/lib/errors";

export interface PublicError {
  code: AppErrorCode | "internal";
  message: string;
  fieldErrors?: Record<string, string[]>;
  errorId?: string;
}

/**
 * Turns any thrown value into what may be shown to a user. Expected errors keep their
 * message; an unreachable database gets a plain sentence; anything else is logged with an
 * id and only the id leaves the server (never an unknown error's message).
 */
export function toPublicError(error: unknown, where: string): { status: number; error: PublicError } {
  if (isAppError(error)) {
    return { status: error.status, error: { code: error.code, message: error.userMessage, fieldErrors: error.fieldErrors } };
  }
  if (isDatabaseUnavailable(error)) {
    console.error(`[${where}] database unavailable:`, (error as Error)?.message);
    return { status: 503, error: { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } };
  }
  const errorId = randomUUID().slice(0, 8);
  console.error(`[${where}] unexpected error ${errorId}:`, error);
  return {
    status: 500,
    error: { code: "internal", message: `Something went wrong on the server (error id ${errorId}). Nothing was changed.`, errorId },
  };
}

