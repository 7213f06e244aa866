/** `npm run demo`: filled in below (lab up + console). */
export async function demo(): Promise<void> {
  throw new Error("demo: not implemented yet");
}
