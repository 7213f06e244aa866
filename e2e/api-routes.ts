/**
 * The /api/v1 routes as the code declares them, for the matrices that must cover every route
 * (e2e/rbac.spec.ts, e2e/http-fuzz.spec.ts): found in app/api's route files, each with the
 * name and permission its apiRoute() gives, so a new route joins them by itself.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Permission } from "../lib/auth/roles";

export function files(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? files(full, name) : entry === name ? [full] : [];
  });
}

/** Every `export const X = apiRoute({ name: "…", permission: "…"[, other options] }` in the code, by X. */
const DECLARED_ROUTES = new Map(
  [...files("app", "route.ts"), ...files("lib", "api-routes.ts")].flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/export const (\w+) = apiRoute\(\{ name: "([^"]+)", permission: "([^"]+)"(?:, \w+: [\w"]+)* \}/g)].map(
      (match) => [`${file}#${match[1]}`, { name: match[2]!, permission: match[3]! as Permission }] as const,
    ),
  ),
);

/**
 * Every HTTP method exported by a route file under app/api/v1 (and /api/metrics): either an
 * apiRoute() there, or a handler imported from a lib/**\/api-routes.ts. A method that is
 * neither has no permission in the code: `permission` stays null and the matrix fails.
 */
export const API_ROUTES = files("app/api", "route.ts")
  .filter((file) => file.includes(`${path.sep}v1${path.sep}`) || file.includes(`${path.sep}metrics${path.sep}`))
  .flatMap((file) => {
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = (\w+)/g)].map((match) => {
      const [, method, value] = match as unknown as [string, string, string];
      const imported = new RegExp(`import \\{[^}]*\\b${value}\\b[^}]*\\} from "@/([^"]+)"`).exec(source);
      const declared = value === "apiRoute" ? DECLARED_ROUTES.get(`${file}#${method}`) : imported ? DECLARED_ROUTES.get(`${imported[1]}.ts#${value}`) : undefined;
      return {
        method,
        file,
        name: declared?.name ?? null,
        permission: declared?.permission ?? null,
        path: `/${path.dirname(file).split(path.sep).slice(1).join("/")}`,
      };
    });
  });
