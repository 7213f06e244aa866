/**
 * Every lab test file starts from a settled lab (test/lab-settled.ts): the previous file may
 * have restarted or rolled out a service, and a file that starts on a process about to be
 * replaced loses it mid-test (CI failed so on certificate.lab.test.ts).
 */
import { beforeAll } from "vitest";
import { SETTLE_WITHIN_MS, waitForSettledLab } from "./lab-settled";

beforeAll(waitForSettledLab, SETTLE_WITHIN_MS + 20_000);
