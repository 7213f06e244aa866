/** The URL people reach the console at, for links in hand-offs and notifications. */
export function consoleBaseUrl(): string {
  return (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, "");
}
