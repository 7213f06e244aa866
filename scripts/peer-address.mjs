/**
 * Preloaded into `next start` / `next dev` by the launcher (NODE_OPTIONS=--import): stamps
 * every request with the TCP peer's address in `x-console-peer-address`, overwriting
 * whatever the client sent under that name.
 *
 * Why: Next.js 16 gives route handlers (and next-auth's `authorize`) only headers, no
 * socket. It fills `X-Forwarded-For` from the socket only when the header is absent
 * (`??=` in next/dist/server/base-server.js), so that header is whatever the client chose.
 * The sign-in throttle needs an address the client cannot pick (lib/auth/client-address.ts).
 */
import http from "node:http";

const HEADER = "x-console-peer-address";
const emit = http.Server.prototype.emit;
if (!http.Server.prototype.__consolePeerAddress) {
  Object.defineProperty(http.Server.prototype, "__consolePeerAddress", { value: true });
  http.Server.prototype.emit = function emitWithPeerAddress(event, request, ...rest) {
    if (event === "request" && request && request.headers) {
      request.headers[HEADER] = (request.socket && request.socket.remoteAddress) || "";
    }
    return emit.call(this, event, request, ...rest);
  };
}
