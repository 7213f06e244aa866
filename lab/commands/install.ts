/**
 * `lab install`: everything the lab needs, once (lab/scripts/install.sh: the Debian packages
 * in one apt-get run, the Maven jars, the Go builds). The script holds a lock under
 * .lab/run, so two installs at once run one after the other and the second finds it all
 * cached. `lab up` runs it before starting anything in parallel.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { SCRIPTS_DIR } from "../core/paths.ts";

export function install(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(SCRIPTS_DIR, "install.sh")], { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lab/scripts/install.sh exited ${code}`))));
  });
}
