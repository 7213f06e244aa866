/**
 * mTLS material from `.lab/certs` (see lab/core/certs.ts), reloaded when the files change:
 * the cert-expiring fault swaps in an expired server certificate under the running process,
 * as a cert-manager renewal (or a failed one) would.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type { Logger } from "./log.ts";

export interface CertFiles {
  cert: string;
  key: string;
  ca: string;
}

export function loadCert(files: CertFiles) {
  return { cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key), ca: fs.readFileSync(files.ca) };
}

/** Logs the certificate's expiry: WARN within 7 days, ERROR when past. */
export function reportExpiry(files: CertFiles, log: Logger): void {
  const cert = new crypto.X509Certificate(fs.readFileSync(files.cert));
  const validTo = new Date(cert.validTo);
  const hours = (validTo.getTime() - Date.now()) / 3_600_000;
  const fields = { cert: files.cert, subject: cert.subject.replace(/\n/g, ","), not_after: validTo.toISOString() };
  if (hours <= 0) log.error("TLS certificate has expired", fields);
  else if (hours < 24 * 7) log.warn(`TLS certificate expires in ${hours.toFixed(1)} h`, fields);
  else log.info("TLS certificate loaded", fields);
}

/** Calls `onChange` when the certificate file's content changes (polled every second). */
export function watchCert(files: CertFiles, onChange: () => void): void {
  let last = fs.statSync(files.cert).mtimeMs;
  setInterval(() => {
    try {
      const now = fs.statSync(files.cert).mtimeMs;
      if (now !== last) {
        last = now;
        onChange();
      }
    } catch {
      // mid-rename; next poll
    }
  }, 1_000).unref();
}
