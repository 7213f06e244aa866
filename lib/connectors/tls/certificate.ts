import { checkServerIdentity, connect, type DetailedPeerCertificate, type PeerCertificate } from "node:tls";
import { printable } from "@/lib/connectors/text";
import { classifyError, failure, redact, withDeadline, type ConnectorError, type ConnectorResult } from "../result";

/**
 * The certificate a TLS endpoint presents (the runbook reads the file instead:
 * `kubectl exec -it <pod-name> -n data-processing -- openssl x509 -in /etc/certs/server-cert.pem -text -noout`).
 * Connects to host:port with the service's server name and reads the peer certificate
 * WITHOUT verifying it (rejectUnauthorized: false): this inspects, it does not trust, so an
 * expired or self-signed certificate is still read. An mTLS server that refuses us for want
 * of a client certificate has sent its own certificate by then, which is still returned
 * (with `handshakeError`). Note: without a client certificate, such a server counts one
 * failed handshake per inspection; pass `clientCertificate` to avoid it.
 */
export interface CertificateInfo {
  address: string;
  serverName: string | null;
  subject: string;
  issuer: string;
  /** subjectAltName entries, e.g. ["DNS:normalization-service", "IP Address:127.0.0.1"] */
  sans: string[];
  validFrom: string;
  validTo: string;
  /** days from now to validTo (negative: expired), two decimals */
  daysToExpiry: number;
  notYetValid: boolean;
  /** SHA-256 fingerprint, colon-separated hex (as `openssl x509 -fingerprint -sha256`) */
  fingerprint256: string;
  serialNumber: string;
  /** the server name matches the certificate's names (checkServerIdentity), when one was given */
  nameMatches: boolean | null;
  /** why the chain would not be trusted by Node's default CAs (information only), e.g. SELF_SIGNED_CERT_IN_CHAIN */
  trustError: string | null;
  /** the issuer's certificate, when sent */
  issuerCertificate: { subject: string; validTo: string } | null;
  protocol: string | null;
  /** the handshake failed after the certificate arrived (e.g. the server wanted a client certificate) */
  handshakeError: string | null;
}

export interface TlsTarget {
  /** host:port */
  address: string;
  serverName?: string;
}

export interface InspectOptions {
  deadlineMs: number;
  /** PEM client certificate and key, for mTLS servers (no failed handshake counted on their side) */
  clientCertificate?: { cert: string | Buffer; key: string | Buffer };
  /** highest protocol version to offer (tests use TLSv1.2 to see a refused handshake) */
  maxVersion?: "TLSv1.2" | "TLSv1.3";
  now?: Date;
}

function distinguishedName(name: Record<string, string | string[]> | undefined): string {
  if (!name) return "";
  return printable(
    Object.entries(name)
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : value}`)
      .join(", "),
    300,
  );
}

function hasCertificate(certificate: PeerCertificate | undefined): certificate is DetailedPeerCertificate {
  return Boolean(certificate && Object.keys(certificate).length > 0 && certificate.valid_to);
}

/** Pure: the fields a responder reads from a peer certificate, with days to expiry from `now`. */
export function describeCertificate(certificate: DetailedPeerCertificate, target: TlsTarget, now: Date, extra: { protocol: string | null; trustError: string | null; handshakeError: string | null }): CertificateInfo {
  const validFrom = new Date(certificate.valid_from);
  const validTo = new Date(certificate.valid_to);
  const issuer = certificate.issuerCertificate && certificate.issuerCertificate !== certificate && hasCertificate(certificate.issuerCertificate) ? certificate.issuerCertificate : null;
  return {
    address: target.address,
    serverName: target.serverName ?? null,
    subject: distinguishedName(certificate.subject as unknown as Record<string, string>),
    issuer: distinguishedName(certificate.issuer as unknown as Record<string, string>),
    sans: (certificate.subjectaltname ?? "").split(/,\s*/).filter(Boolean).slice(0, 50).map((name) => printable(name, 200)),
    validFrom: Number.isNaN(validFrom.getTime()) ? printable(certificate.valid_from, 60) : validFrom.toISOString(),
    validTo: Number.isNaN(validTo.getTime()) ? printable(certificate.valid_to, 60) : validTo.toISOString(),
    daysToExpiry: Math.round(((validTo.getTime() - now.getTime()) / 86_400_000) * 100) / 100,
    notYetValid: validFrom.getTime() > now.getTime(),
    fingerprint256: certificate.fingerprint256 ?? "",
    serialNumber: printable(certificate.serialNumber ?? "", 100),
    nameMatches: target.serverName ? checkServerIdentity(target.serverName, certificate) === undefined : null,
    trustError: extra.trustError ? printable(extra.trustError, 200) : null,
    issuerCertificate: issuer ? { subject: distinguishedName(issuer.subject as unknown as Record<string, string>), validTo: new Date(issuer.valid_to).toISOString() } : null,
    protocol: extra.protocol,
    handshakeError: extra.handshakeError ? redact(printable(extra.handshakeError, 300)) : null,
  };
}

function parseAddress(address: string): { host: string; port: number } | null {
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(address);
  if (!match) return null;
  const port = Number(match[2]);
  return port > 0 && port < 65_536 ? { host: match[1]!.replace(/^\[|\]$/g, ""), port } : null;
}

function classifyTls(error: unknown): ConnectorError {
  const classified = classifyError(error);
  if (classified.kind !== "bad_response") return classified;
  return { kind: "bad_response", message: `TLS handshake failed before a certificate arrived: ${classified.message}` };
}

/** Reads the certificate `target` presents, within the deadline. */
export async function inspectCertificate(target: TlsTarget | undefined, options: InspectOptions): Promise<ConnectorResult<CertificateInfo>> {
  if (!target) return failure("not_configured", "no TLS address (tls.address in the catalog)");
  const endpoint = parseAddress(target.address);
  if (!endpoint) return failure("bad_response", `not host:port: ${printable(target.address, 100)}`);
  return withDeadline(
    options.deadlineMs,
    (signal) =>
      new Promise<CertificateInfo>((resolve, reject) => {
        const tlsSocket = connect({
          host: endpoint.host,
          port: endpoint.port,
          servername: target.serverName && !/^[\d.]+$|:/.test(target.serverName) ? target.serverName : undefined,
          rejectUnauthorized: false,
          maxVersion: options.maxVersion,
          ...(options.clientCertificate ? { cert: options.clientCertificate.cert, key: options.clientCertificate.key } : {}),
        });
        const now = options.now ?? new Date();
        const finish = (handshakeError: string | null, error?: unknown) => {
          const certificate = tlsSocket.getPeerCertificate(true);
          if (hasCertificate(certificate)) {
            const trust = tlsSocket.authorizationError;
            resolve(describeCertificate(certificate, target, now, { protocol: tlsSocket.getProtocol() ?? null, trustError: trust ? String(trust) : null, handshakeError }));
          } else reject(error ?? new Error("the server sent no certificate"));
          if (handshakeError) tlsSocket.destroy();
          else {
            // A graceful close: destroying at once resets the connection before an mTLS server
            // has read our certificate, and it would count a failed handshake.
            tlsSocket.end();
            setTimeout(() => tlsSocket.destroy(), 1_000).unref();
          }
        };
        signal.addEventListener("abort", () => tlsSocket.destroy(), { once: true });
        tlsSocket.once("secureConnect", () => finish(null));
        tlsSocket.once("error", (error) => finish(error.message, error));
        tlsSocket.once("close", () => reject(new Error("connection closed during the TLS handshake")));
      }),
    classifyTls,
  );
}
