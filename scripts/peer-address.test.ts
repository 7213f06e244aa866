import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The launcher preloads this into Next.js; here it patches this test worker's http.Server.
import "./peer-address.mjs";

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.end(JSON.stringify({ peer: request.headers["x-console-peer-address"], xff: request.headers["x-forwarded-for"] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(headers: Record<string, string>, localAddress: string): Promise<{ peer?: string; xff?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: "/", headers, localAddress }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(JSON.parse(body)));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("peer-address preload", () => {
  it("stamps the socket's address over anything the client sent under that name", async () => {
    const seen = await get({ "x-console-peer-address": "203.0.113.9", "x-forwarded-for": "203.0.113.9" }, "127.0.0.2");
    expect(seen.peer).toBe("127.0.0.2");
    expect(seen.xff).toBe("203.0.113.9");
  });
});
