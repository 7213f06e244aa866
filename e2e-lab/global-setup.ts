/** The lab journeys start from a settled lab, like every vitest lab file (test/lab-settled.ts). */
import { waitForSettledLab } from "../test/lab-settled";

export default async function globalSetup(): Promise<void> {
  await waitForSettledLab();
}
