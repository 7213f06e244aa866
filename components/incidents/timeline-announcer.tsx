"use client";

import { useState } from "react";

/**
 * Says a new timeline entry out loud (a polite live region), once per entry: not the entries
 * already there when the page opened, nor older pages loaded on demand.
 */
export function TimelineAnnouncer({ newestId, text }: { newestId: string | undefined; text: string }) {
  const [seen, setSeen] = useState(newestId);
  const [message, setMessage] = useState("");
  if (newestId !== seen) {
    setSeen(newestId);
    if (newestId) setMessage(text);
  }
  return (
    <p className="sr-only" aria-live="polite" data-testid="timeline-announcement">
      {message}
    </p>
  );
}
