/** Runs lab/scripts/<name>.sh asynchronously (so several can start in parallel), niced. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { LOG_DIR, SCRIPTS_DIR } from "../core/paths.ts";

export function script(name: string, args: string[], logName = "lab-cli"): Promise<void> {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const out = fs.openSync(path.join(LOG_DIR, `${logName}.log`), "a");
  return new Promise((resolve, reject) => {
    const child = spawn("nice", ["-n", "19", path.join(SCRIPTS_DIR, `${name}.sh`), ...args], { stdio: ["ignore", out, out] });
    child.on("exit", (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`lab/scripts/${name}.sh ${args.join(" ")} exited ${code} (see .lab/logs/${logName}.log)`));
    });
  });
}
