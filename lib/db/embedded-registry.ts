import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * While `npm start` serves the embedded database, it records where, so the CLI can use the
 * same database instead of opening the PGlite files a second time (which PGlite forbids).
 */
export interface EmbeddedRecord {
  url: string;
  pid: number;
}

const fileIn = (dataDir: string) => path.join(dataDir, "embedded-db.json");

export async function writeEmbeddedRecord(dataDir: string, record: EmbeddedRecord): Promise<void> {
  await writeFile(fileIn(dataDir), JSON.stringify(record), { mode: 0o600 });
}

export async function clearEmbeddedRecord(dataDir: string): Promise<void> {
  await rm(fileIn(dataDir), { force: true });
}

/** The running embedded database of this data directory, if its process is alive. */
export async function readEmbeddedRecord(dataDir: string): Promise<EmbeddedRecord | null> {
  try {
    const record = JSON.parse(await readFile(fileIn(dataDir), "utf8")) as EmbeddedRecord;
    process.kill(record.pid, 0);
    return record;
  } catch {
    return null;
  }
}
