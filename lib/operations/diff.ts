import { parseAllDocuments } from "yaml";

/**
 * What an operation changes, field by field: the object before against the object the API
 * server answered (a `dryRun=All` answer for the preview, the real answer for the record).
 * Pure, so the preview a responder confirms and what the cluster then did are compared by
 * the same rule.
 */
export interface FieldChange {
  /** e.g. `spec.replicas`, `spec.template.spec.containers[name=enrichment-service].image` */
  path: string;
  /** undefined: the field did not exist */
  before: unknown;
  after: unknown;
}

/**
 * Fields the API server or controllers maintain, never what an operation asks for:
 * resourceVersion and generation move on every write, status belongs to controllers, and
 * the revision annotation is the Deployment controller's bookkeeping.
 */
const MAINTAINED = [
  /^metadata\.(resourceVersion|generation|managedFields|uid|creationTimestamp|selfLink)(\.|\[|$)/,
  /^metadata\.annotations\["deployment\.kubernetes\.io\/revision"\]$/,
  /^status(\.|\[|$)/,
];

const segment = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/** Arrays of named objects (containers, env, ports, volumes) are matched by name, as strategic merge does. */
function namedItems(value: unknown): Map<string, unknown> | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const map = new Map<string, unknown>();
  for (const item of value) {
    if (!isPlainObject(item) || typeof item.name !== "string" || map.has(item.name)) return null;
    map.set(item.name, item);
  }
  return map;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(path: string, before: unknown, after: unknown, out: FieldChange[]) {
  if (same(before, after)) return;
  // A map that appears or goes (annotations on a template that had none) is shown by its keys.
  const from = before === undefined && isPlainObject(after) ? {} : before;
  const to = after === undefined && isPlainObject(before) ? {} : after;
  if (isPlainObject(from) && isPlainObject(to)) {
    for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) walk(`${path}${segment(key)}`, from[key], to[key], out);
    return;
  }
  const namedBefore = namedItems(before);
  const namedAfter = namedItems(after);
  if (namedBefore && namedAfter) {
    for (const name of [...new Set([...namedBefore.keys(), ...namedAfter.keys()])]) walk(`${path}[name=${name}]`, namedBefore.get(name), namedAfter.get(name), out);
    return;
  }
  out.push({ path: path.replace(/^\./, ""), before, after });
}

/** The changed leaves between two objects, maintained fields left out, in path order. */
export function fieldChanges(before: unknown, after: unknown, options: { ignore?: RegExp[] } = {}): FieldChange[] {
  const out: FieldChange[] = [];
  walk("", before, after, out);
  const ignore = [...MAINTAINED, ...(options.ignore ?? [])];
  return out.filter((change) => !ignore.some((pattern) => pattern.test(change.path)));
}

/**
 * Whether what the API server did matches the preview: the same paths with the same
 * values, except values the server fills in at the moment of writing (a restart's
 * timestamp), which must only be present on both sides.
 */
export function sameChanges(preview: FieldChange[], actual: FieldChange[], volatile: RegExp[] = []): boolean {
  if (preview.length !== actual.length) return false;
  return preview.every((change, index) => {
    const other = actual[index]!;
    if (other.path !== change.path) return false;
    if (volatile.some((pattern) => pattern.test(change.path))) return same(change.before, other.before) && (change.after === undefined) === (other.after === undefined);
    return same(change.before, other.before) && same(change.after, other.after);
  });
}

/** The objects of a Helm manifest (YAML documents) by "Kind/name" (namespace-qualified when set). */
export function manifestObjects(manifest: string): Map<string, unknown> {
  const objects = new Map<string, unknown>();
  for (const document of parseAllDocuments(manifest)) {
    const value: unknown = document.toJS();
    if (!isPlainObject(value)) continue;
    const metadata = isPlainObject(value.metadata) ? value.metadata : {};
    const key = `${String(value.kind ?? "?")}/${metadata.namespace ? `${String(metadata.namespace)}/` : ""}${String(metadata.name ?? "?")}`;
    objects.set(key, value);
  }
  return objects;
}

/**
 * A Helm rollback's preview: what changes between the manifests of the revision running
 * now and the target revision, per object ("Deployment/enrichment-service: spec…image"),
 * with whole objects that appear or disappear as one change each.
 */
export function manifestChanges(current: string, target: string): FieldChange[] {
  const before = manifestObjects(current);
  const after = manifestObjects(target);
  const out: FieldChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const from = before.get(key);
    const to = after.get(key);
    if (from === undefined || to === undefined) {
      out.push({ path: key, before: from === undefined ? undefined : "(present)", after: to === undefined ? undefined : "(present)" });
      continue;
    }
    for (const change of fieldChanges(from, to)) out.push({ ...change, path: `${key}: ${change.path}` });
  }
  return out;
}

/** A value as one short line for a change table: "(absent)" for a missing field. */
export function showValue(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
