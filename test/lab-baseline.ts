/**
 * Every lab test file starts from a lab that serves: the previous file may have restarted
 * normalization-service (an operation, a fault's heal replaces its pod), and the fresh
 * process needs a moment before its ports answer. Waits for both services' HTTP and
 * metrics ports and normalization-service's mTLS port; fails the file, naming what is
 * still silent, if the lab does not come back within a minute.
 */
import { connect } from "node:net";
import { beforeAll } from "vitest";
import { waitFor } from "@/lab/core/proc";

const HTTP = ["http://127.0.0.1:18080/health", "http://127.0.0.1:18081/health", "http://127.0.0.1:19090/metrics", "http://127.0.0.1:19091/metrics"];
const TLS_PORT = 18443;

const answers = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => null))?.ok === true;
const listens = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
    socket.setTimeout(2_000, () => (socket.destroy(), resolve(false)));
  });

export async function labServes(): Promise<string[]> {
  const silent = await Promise.all(HTTP.map(async (url) => ((await answers(url)) ? null : url)));
  const tls = (await listens(TLS_PORT)) ? null : `tls :${TLS_PORT}`;
  return [...silent, tls].filter((s): s is string => s !== null);
}

beforeAll(async () => {
  let silent: string[] = [];
  await waitFor("the lab's services to answer", async () => (silent = await labServes()).length === 0, 60_000).catch(() => {
    throw new Error(`the lab does not serve (is it up? npm run lab -- up): silent ${silent.join(", ")}`);
  });
}, 70_000);
