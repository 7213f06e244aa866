"use client";

import { useEffect, useRef, useState } from "react";
import { AlarmClock } from "lucide-react";
import { formatDuration } from "@/lib/config/duration";
import { countdownAnnouncement } from "./countdown-announcement";

/**
 * Time left until a deadline, ticking every second; "overdue" once it passes. The ticking
 * text is a timer (not read out on every change); a separate live region says it at five
 * minutes, one minute and the deadline itself.
 */
export function Countdown({ deadline, who = "the next level" }: { deadline: string; who?: string }) {
  const [now, setNow] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const previousLeft = useRef<number | null>(null);
  useEffect(() => {
    previousLeft.current = null;
    const tick = () => {
      const current = Date.now();
      const left = new Date(deadline).getTime() - current;
      const message = countdownAnnouncement(previousLeft.current, left, who);
      previousLeft.current = left;
      if (message) setAnnouncement(message);
      setNow(current);
    };
    const timer = setInterval(tick, 1_000);
    const first = setTimeout(tick, 0);
    return () => {
      clearInterval(timer);
      clearTimeout(first);
    };
  }, [deadline, who]);
  const left = now === null ? null : new Date(deadline).getTime() - now;
  const urgent = left !== null && left < 60_000;
  return (
    <>
      {left === null ? (
        <span>…</span>
      ) : (
        <span className={`inline-flex items-center gap-1 font-mono tabular-nums ${urgent ? "text-fail" : ""}`} data-testid="ack-countdown" role="timer">
          {urgent ? <AlarmClock aria-hidden className="size-4" /> : null}
          {left > 0 ? `${formatDuration(left)} left` : `overdue by ${formatDuration(-left)}`}
        </span>
      )}
      <span className="sr-only" aria-live="polite" data-testid="ack-countdown-announcement">
        {announcement}
      </span>
    </>
  );
}
