"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * A timestamp in the viewer's own time zone, with UTC on hover. The server renders UTC (it
 * cannot know the viewer's zone); after hydration the browser renders local time.
 */
export function LocalTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const date = new Date(iso);
  const utc = `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
  const text = inBrowser
    ? date.toLocaleString(undefined, {
        year: "numeric",
        month: "short",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        timeZoneName: "short",
      })
    : utc;
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
