import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * Prisma's schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`, a registry
 * package), used where Prisma's CLI would download a native binary. Only `diff` is used:
 * from a datamodel (or nothing) to a datamodel, giving the migration SQL.
 *
 * The engine connects to a database when it is created even for a pure datamodel diff, so
 * callers pass the URL of a real PostgreSQL (the migration script uses an in-memory PGlite).
 */
type WasmModule = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: {
    new: (options: { datamodels: undefined }, log: (message: string) => void, adapter: object) => Promise<WasmEngine>;
  };
};

type WasmEngine = {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

type DiffTarget = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

let loaded: Promise<WasmModule> | undefined;

/** Node 20 cannot `import` a .wasm file, so the glue module is given its instance by hand. */
async function loadWasm(): Promise<WasmModule> {
  const require = createRequire(import.meta.url);
  // The package exports only its glue module, so locate the directory through it.
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = (await import(path.join(dir, "schema_engine_bg.js"))) as WasmModule;
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return glue;
}

/** The SQL that turns a database shaped by `from` (null: empty) into one shaped by `to`. */
export async function diffDatamodels(databaseUrl: string, from: string | null, to: string): Promise<string> {
  loaded ??= loadWasm();
  const wasm = await loaded;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl, max: 1 }));
  const engine = await wasm.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  try {
    const target = (content: string | null): DiffTarget =>
      content === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
