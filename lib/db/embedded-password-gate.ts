import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";

/**
 * PGlite answers every startup with "authentication ok": any local process (any user of the
 * machine) that finds the port would have the console's database, audit log included. This
 * gate is the loopback port clients use. It asks for a password the PostgreSQL way (MD5
 * challenge, which node-postgres speaks, so the password never crosses the socket), and
 * only then connects the client to PGlite's own socket server, which listens on a Unix
 * socket in a directory only this user can enter. The startup message is replayed upstream,
 * so PGlite's answer (authentication ok, parameters, ready) is exactly what the client
 * expects after its password.
 */
const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_STARTUP_BYTES = 10_000;

export interface PasswordGate {
  port: number;
  close(): Promise<void>;
}

export async function startPasswordGate(options: { upstreamPath: string; password: string; host?: string; port?: number }): Promise<PasswordGate> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    void admit(client, options).catch(() => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads exactly `length` bytes (or rejects when the client goes away first). */
function reader(socket: net.Socket) {
  let buffered = Buffer.alloc(0);
  let waiting: { length: number; resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | null = null;
  const settle = () => {
    if (waiting && buffered.length >= waiting.length) {
      const { length, resolve } = waiting;
      waiting = null;
      const bytes = buffered.subarray(0, length);
      buffered = buffered.subarray(length);
      resolve(bytes);
    }
  };
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    settle();
  };
  const onEnd = () => waiting?.reject(new Error("client went away"));
  socket.on("data", onData);
  socket.on("close", onEnd);
  return {
    read: (length: number) =>
      new Promise<Buffer>((resolve, reject) => {
        waiting = { length, resolve, reject };
        settle();
      }),
    /** Stops reading; returns what arrived beyond the last read. */
    release: () => {
      socket.off("data", onData);
      socket.off("close", onEnd);
      return buffered;
    },
  };
}

function authenticationRequest(salt: Buffer): Buffer {
  const message = Buffer.alloc(13);
  message.write("R", 0);
  message.writeInt32BE(12, 1);
  message.writeInt32BE(5, 5); // AuthenticationMD5Password
  salt.copy(message, 9);
  return message;
}

function fatal(code: string, text: string): Buffer {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0`), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

const md5 = (data: Buffer | string) => createHash("md5").update(data).digest("hex");

/** What an MD5-speaking client sends for this user, password and salt. */
export function md5Response(user: string, password: string, salt: Buffer): string {
  return `md5${md5(Buffer.concat([Buffer.from(md5(password + user)), salt]))}`;
}

async function admit(client: net.Socket, options: { upstreamPath: string; password: string }): Promise<void> {
  const input = reader(client);
  let startup: Buffer;
  for (;;) {
    const length = (await input.read(4)).readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_BYTES) return void client.destroy();
    const body = await input.read(length - 4);
    const code = body.readInt32BE(0);
    if (code === SSL_REQUEST) {
      client.write("N");
      continue;
    }
    if (code === CANCEL_REQUEST || code !== PROTOCOL_3) return void client.destroy();
    startup = Buffer.concat([Buffer.from([0, 0, 0, 0]), body]);
    startup.writeInt32BE(length, 0);
    break;
  }
  const parameters = startup.subarray(8).toString("utf8").split("\0");
  const user = parameters[parameters.indexOf("user") + 1] ?? "";

  const salt = randomBytes(4);
  client.write(authenticationRequest(salt));
  const header = await input.read(5);
  const length = header.readInt32BE(1);
  if (header.toString("latin1", 0, 1) !== "p" || length < 5 || length > 1_000) return void client.end(fatal("28000", "expected a password"));
  const presented = (await input.read(length - 4)).toString("utf8").replace(/\0$/, "");
  const expected = md5Response(user, options.password, salt);
  const valid = presented.length === expected.length && timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
  if (!valid) return void client.end(fatal("28P01", `password authentication failed for user "${user.slice(0, 63)}"`));

  const upstream = net.createConnection(options.upstreamPath);
  upstream.on("error", () => client.destroy());
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
  await new Promise<void>((resolve, reject) => {
    upstream.once("connect", resolve);
    upstream.once("error", reject);
  });
  const early = input.release();
  upstream.write(startup);
  if (early.length) upstream.write(early);
  client.pipe(upstream);
  upstream.pipe(client);
}
