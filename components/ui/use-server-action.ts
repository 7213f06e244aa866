"use client";

import { useCallback, useRef, useState } from "react";
import type { ActionResult } from "@/lib/server/run-action";

export const UNREACHABLE_RETRYING = "The console is unreachable — your input is kept; retrying…";
export const STILL_UNREACHABLE = "The console is still unreachable. Your input is kept: submit again once it is back.";

/** Waits between attempts while the server is away (a restart takes seconds): about a minute in all. */
const RETRY_DELAYS_MS = [1_000, 2_000, 3_000, 5_000, 5_000, 5_000, 10_000, 10_000, 10_000, 10_000];

/**
 * Calls a server action the way every form should. A server action answers with a result
 * value, but when the console cannot be reached at all (restarting, network gone) the call
 * itself throws; React would then replace the page with its error screen and everything
 * typed would be lost. Here that becomes `notice` (the form keeps its input and shows it),
 * and the call is retried until the server answers or about a minute has passed.
 *
 * Retrying is safe for what the forms send: notes and declarations carry an idempotency key,
 * a repeated status change or escalation is refused (409) instead of applied twice.
 */
export function useServerAction<Input, Value>(action: (input: Input) => Promise<ActionResult<Value>>, delays: readonly number[] = RETRY_DELAYS_MS) {
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async (input: Input): Promise<ActionResult<Value>> => {
      if (running.current) return { ok: false, error: { code: "conflict", message: "Already being sent; wait for the answer." } };
      running.current = true;
      setPending(true);
      setNotice(null);
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            const result = await action(input);
            setNotice(null);
            return result;
          } catch {
            if (attempt >= delays.length) {
              setNotice(null);
              return { ok: false, error: { code: "unavailable", message: STILL_UNREACHABLE } };
            }
            setNotice(UNREACHABLE_RETRYING);
            await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
          }
        }
      } finally {
        running.current = false;
        setPending(false);
      }
    },
    [action, delays],
  );

  return { run, pending, notice };
}
