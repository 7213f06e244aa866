/**
 * The pipeline's mTLS certificates, made with openssl: a lab CA, normalization-service's
 * server certificate (the runbook's /etc/certs/server-cert.pem) and enrichment-service's
 * client certificate. `openssl ca` is used (not `x509 -req`) because it can set any
 * notBefore/notAfter — the cert-expiring fault reissues the server cert already expired.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CERT_DIR } from "./paths.ts";
import { run } from "./proc.ts";

export const CA_CERT = path.join(CERT_DIR, "ca.pem");
const CA_KEY = path.join(CERT_DIR, "ca-key.pem");

export const certPaths = (service: string, role: "server" | "client") => ({
  dir: path.join(CERT_DIR, service),
  cert: path.join(CERT_DIR, service, `${role}-cert.pem`),
  key: path.join(CERT_DIR, service, `${role}-key.pem`),
});

function openssl(args: string[]) {
  const result = run("openssl", args, { timeoutMs: 30_000 });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** `YYYYMMDDHHMMSSZ` as openssl ca wants it. */
const asn1Time = (d: Date) => d.toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, "Z");

export function ensureCa(): void {
  if (fs.existsSync(CA_CERT) && fs.existsSync(CA_KEY)) return;
  fs.mkdirSync(CERT_DIR, { recursive: true });
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", CA_KEY, "-out", CA_CERT, "-days", "3650", "-subj", "/O=254Carbon lab/CN=254carbon-lab-ca"]);
}

/** Issues (or reissues) a certificate for `service` valid from `notBefore` to `notAfter`. */
export function issueCert(service: string, role: "server" | "client", notBefore: Date, notAfter: Date): void {
  ensureCa();
  const { dir, cert, key } = certPaths(service, role);
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lab-ca-"));
  try {
    const csr = path.join(work, "req.csr");
    const newKey = path.join(work, "key.pem");
    const newCert = path.join(work, "cert.pem");
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", newKey, "-out", csr, "-subj", `/O=254Carbon/CN=${service}`]);
    fs.writeFileSync(path.join(work, "index.txt"), "");
    fs.writeFileSync(path.join(work, "serial"), `${Date.now().toString(16).padStart(16, "0")}\n`);
    const usage = role === "server" ? "serverAuth" : "clientAuth";
    fs.writeFileSync(
      path.join(work, "ca.cnf"),
      [
        "[ca]", "default_ca = lab", "[lab]",
        `database = ${work}/index.txt`, `new_certs_dir = ${work}`, `serial = ${work}/serial`,
        "default_md = sha256", "policy = any", "unique_subject = no",
        "[any]", "commonName = supplied", "organizationName = optional",
        "[ext]", `subjectAltName = DNS:${service},DNS:${service}.data-processing.svc,DNS:localhost,IP:127.0.0.1`,
        `extendedKeyUsage = ${usage}`, "basicConstraints = CA:FALSE", "",
      ].join("\n"),
    );
    openssl([
      "ca", "-batch", "-config", path.join(work, "ca.cnf"), "-cert", CA_CERT, "-keyfile", CA_KEY,
      "-in", csr, "-out", newCert, "-notext", "-extensions", "ext",
      "-startdate", asn1Time(notBefore), "-enddate", asn1Time(notAfter),
    ]);
    // key first, then cert: a reader reloading on the cert's change sees a matching pair
    fs.copyFileSync(newKey, `${key}.tmp`);
    fs.renameSync(`${key}.tmp`, key);
    fs.copyFileSync(newCert, `${cert}.tmp`);
    fs.renameSync(`${cert}.tmp`, cert);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const DAY = 86_400_000;

/** The healthy state: 90-day certificates for both services (kept when still valid > 7 days). */
export function ensureServiceCerts(): void {
  const wanted: Array<[string, "server" | "client"]> = [["normalization-service", "server"], ["enrichment-service", "client"]];
  for (const [service, role] of wanted) {
    const notAfter = certNotAfter(certPaths(service, role).cert);
    if (!notAfter || notAfter.getTime() - Date.now() < 7 * DAY) issueCert(service, role, new Date(Date.now() - DAY), new Date(Date.now() + 90 * DAY));
  }
}

export function certNotAfter(file: string): Date | null {
  if (!fs.existsSync(file)) return null;
  const out = run("openssl", ["x509", "-in", file, "-noout", "-enddate"]).stdout; // notAfter=Nov 30 05:59:24 2026 GMT
  const m = /notAfter=(.+)/.exec(out);
  return m?.[1] ? new Date(m[1]) : null;
}
