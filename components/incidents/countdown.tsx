"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/config/duration";

/** Time left until a deadline, ticking every second; "overdue" once it passes. */
export function Countdown({ deadline }: { deadline: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const timer = setInterval(tick, 1_000);
    const first = setTimeout(tick, 0);
    return () => {
      clearInterval(timer);
      clearTimeout(first);
    };
  }, []);
  if (now === null) return <span>…</span>;
  const left = new Date(deadline).getTime() - now;
  return (
    <span className={`font-mono tabular-nums ${left < 60_000 ? "text-fail" : ""}`} data-testid="ack-countdown" role="timer">
      {left > 0 ? `${formatDuration(left)} left` : `overdue by ${formatDuration(-left)}`}
    </span>
  );
}
