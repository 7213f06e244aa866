/** `lab logs <component> [-f]`: the component's log (pipeline services: their pod log). */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { components } from "../core/components.ts";

export async function logs(name: string | undefined, follow: boolean): Promise<void> {
  const all = components();
  const c = all.find((x) => x.name === name);
  if (!c) throw new Error(`usage: lab logs <component> [-f]; components: ${all.map((x) => x.name).join(", ")}`);
  if (!fs.existsSync(c.log)) throw new Error(`no log yet at ${c.log}`);
  // CRI lines carry '<time> <stream> F ' before the text: strip it for reading
  const strip = c.log.endsWith("current.log");
  const tail = spawn("tail", ["-n", "200", ...(follow ? ["-F"] : []), c.log], { stdio: ["ignore", "pipe", "inherit"] });
  tail.stdout.setEncoding("utf8").on("data", (chunk: string) => process.stdout.write(strip ? chunk.replace(/^\S+ (stdout|stderr) [FP] /gm, "") : chunk));
  await new Promise((resolve) => tail.on("exit", resolve));
}
