import zlib from "node:zlib";

/**
 * Helm v3's storage format (driver "secret", helm/helm pkg/storage/driver/secrets.go and
 * util.go), read without the helm binary: one Secret per revision named
 * `sh.helm.release.v1.<release>.v<N>`, labels owner=helm, name, status, version; its
 * `data.release` is base64 of gzip of the release JSON (gzip only when the bytes start
 * 1f 8b 08), and the Secret's data adds Kubernetes' own base64 on top (client-node returns
 * that layer still encoded). Pure: decoding, the facts `helm history`/`helm status` print,
 * and values with secret-looking keys redacted.
 */
export const HELM_STATUSES = ["unknown", "deployed", "uninstalled", "superseded", "failed", "uninstalling", "pending-install", "pending-upgrade", "pending-rollback"] as const;
export type HelmStatus = (typeof HELM_STATUSES)[number];

/** The part of Helm's release JSON the console reads. */
export interface HelmReleaseJson {
  name?: string;
  namespace?: string;
  version?: number;
  info?: { first_deployed?: string; last_deployed?: string; deleted?: string; description?: string; status?: string; notes?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string; description?: string } };
  config?: Record<string, unknown>;
  /** the rendered manifests of this revision, as Helm applied them (YAML documents) */
  manifest?: string;
}

/** At most this many bytes of decompressed release JSON (a chart's manifest can be large, but not unbounded). */
export const MAX_RELEASE_BYTES = 16 * 1_048_576;

/**
 * The release JSON from a Secret's `data.release` as client-node returns it (still under
 * Kubernetes' base64). Throws on anything that is not a Helm release.
 */
export function decodeRelease(secretData: string): HelmReleaseJson {
  const helmEncoded = Buffer.from(secretData, "base64").toString("latin1");
  let bytes = Buffer.from(helmEncoded, "base64");
  if (bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) bytes = zlib.gunzipSync(bytes, { maxOutputLength: MAX_RELEASE_BYTES });
  const parsed: unknown = JSON.parse(bytes.toString("utf8"));
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a Helm release");
  return parsed as HelmReleaseJson;
}

const SECRET_KEY = /(pass(word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|tls[_-]?key|credential|auth|dsn|connection[_-]?string|dockerconfig|access[_-]?key|salt|cookie)/i;

export const REDACTED = "(redacted)";

/**
 * Values with every value under a secret-looking key (password, token, apiKey, auth,
 * secret…) replaced by "(redacted)", at any depth: under such a key every string and number
 * below is redacted too (`credentials: {user: …, value: …}`), booleans and nulls are kept
 * (`auth: {enabled: true}` stays readable). Strings longer than 2 000 characters are cut;
 * arrays and objects keep their shape.
 */
export function redactValues(values: unknown, secret = false, depth = 0): unknown {
  if (depth > 32) return "(too deep)";
  if (Array.isArray(values)) return values.slice(0, 1_000).map((item) => redactValues(item, secret, depth + 1));
  if (values && typeof values === "object") {
    return Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([key, value]) => [key, redactValues(value, secret || SECRET_KEY.test(key), depth + 1)]));
  }
  if (secret && (typeof values === "string" || typeof values === "number" || typeof values === "bigint")) return REDACTED;
  if (typeof values === "string" && values.length > 2_000) return `${values.slice(0, 2_000)}… [cut]`;
  return values;
}
