"use client";

import { useEffect, useState } from "react";

/**
 * A timestamp in the viewer's own time zone, with UTC on hover. Rendered in UTC on the
 * server and replaced after hydration, so server and client markup agree.
 */
export function LocalTime({ iso }: { iso: string }) {
  const date = new Date(iso);
  const utc = `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
  const [text, setText] = useState(utc);
  useEffect(() => {
    setText(
      date.toLocaleString(undefined, {
        year: "numeric",
        month: "short",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        timeZoneName: "short",
      }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [iso]);
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
