/**
 * The lab listens on fixed loopback ports, most inside Linux's ephemeral range (32768–60999):
 * an outgoing connection of anything on the machine (a browser, a test) may be given one of
 * them as its local port, and the server that starts next fails with "address already in
 * use". `lab up` asks the kernel to keep them out of that range (as root; otherwise it says
 * so and goes on: the clash is rare).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { PORTS } from "./paths.ts";

const RESERVED = "/proc/sys/net/ipv4/ip_local_reserved_ports";

/** Ports the lab's scripts own beyond PORTS: etcd peer, controller-manager, scheduler, metrics-server, Kafka controller, ClickHouse native, etcd client, OpenSearch transport. */
const SCRIPT_PORTS = [52379, 52380, 50257, 50259, 50443, 59093, 59000, 59300];

export function labPorts(): number[] {
  return [...new Set([...Object.values(PORTS), ...SCRIPT_PORTS])].filter((port) => port >= 32768 && port <= 60999).sort((a, b) => a - b);
}

/** Merges `ports` into a reserved-ports list such as "8080,50000-50010". Pure. */
export function mergeReserved(current: string, ports: number[]): string {
  const entries = current.split(",").map((entry) => entry.trim()).filter(Boolean);
  const covered = (port: number) =>
    entries.some((entry) => {
      const [low, high] = entry.split("-").map(Number);
      return high === undefined ? port === low : port >= low! && port <= high;
    });
  return [...entries, ...ports.filter((port) => !covered(port)).map(String)].join(",");
}

export function reserveLabPorts(): void {
  try {
    const current = readFileSync(RESERVED, "utf8").trim();
    const merged = mergeReserved(current, labPorts());
    if (merged !== current) writeFileSync(RESERVED, merged);
  } catch (error) {
    console.warn(`lab: could not reserve the lab's ports from the ephemeral range (${(error as NodeJS.ErrnoException).code ?? "error"}); a rare "address already in use" at start is possible`);
  }
}
