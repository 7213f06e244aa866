"use client";

import { Banner } from "@/components/ui/banner";

/** Unexpected errors: the digest lets an operator find the server log line; no stack trace here. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <Banner tone="fail" title="This page could not be shown">
        <p>Something went wrong on the server{error.digest ? ` (error id ${error.digest})` : ""}. Nothing was changed.</p>
        <button type="button" className="mt-2 underline" onClick={reset}>
          Try again
        </button>
      </Banner>
    </main>
  );
}
