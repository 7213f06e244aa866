/**
 * A fresh idempotency key for one submission (a note draft, a dialog's declaration).
 * `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost): a console opened
 * over plain HTTP on a LAN address has no randomUUID, and calling it would break the page.
 * `getRandomValues` exists everywhere: 128 random bits as hex.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
