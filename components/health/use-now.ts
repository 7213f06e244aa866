"use client";

import { useEffect, useState } from "react";

/** The current time, re-rendered every `ms` (for "checked 3 s ago"). */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
