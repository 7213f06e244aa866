/**
 * The lab: a real local 254Carbon pipeline to diagnose (see lab/README.md).
 *
 *   npm run lab -- install | up | down | status [--json] | fault <name> | heal [<name>] | faults | logs <component> [-f]
 *   npm run demo            lab up + the console pointed at it
 */
import { demo } from "./commands/demo.ts";
import { down } from "./commands/down.ts";
import { logs } from "./commands/logs.ts";
import { status } from "./commands/status.ts";
import { up } from "./commands/up.ts";
import { install } from "./commands/install.ts";
import { setFault } from "./core/fault-state.ts";
import { labEnv } from "./core/lab-env.ts";
import { FAULTS, fault, healAll } from "./faults/registry.ts";

const USAGE = `usage: npm run lab -- <command>
  install                 install what the lab needs (Debian packages, Maven jars, Go builds
                          incl. helm v4); idempotent; up runs it first
  up                      install, start everything (idempotent), wait until data flows
  down                    heal faults, stop everything (state stays in .lab/)
  status [--json]         components, endpoints, up/down
  fault <name>            inject a fault (list: npm run lab -- faults)
  heal [<name>]           undo one fault, or every active one
  faults                  list the faults and the runbook section each one exercises
  logs <component> [-f]   a component's log (pipeline services: their pod log)
  env                     the lab's endpoints as export lines (eval "$(npm run -s lab -- env)")
  demo                    up + the incident console pointed at the lab`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "install":
      await install();
      return 0;
    case "up":
      await up();
      return 0;
    case "down":
      await down();
      return 0;
    case "status":
      return (await status(rest.includes("--json"))) ? 0 : 1;
    case "fault": {
      const f = fault(rest[0] ?? "");
      await f.inject();
      console.log(`fault ${f.name} injected: ${f.description}\nrunbook: ${f.runbook}\nundo: npm run lab -- heal ${f.name}`);
      return 0;
    }
    case "heal": {
      if (rest[0]) {
        await fault(rest[0]).heal();
        setFault(rest[0], false);
        console.log(`healed ${rest[0]}`);
      } else {
        const healed = await healAll();
        console.log(healed.length ? `healed: ${healed.join(", ")}` : "no active faults");
      }
      return 0;
    }
    case "faults":
      for (const f of FAULTS) console.log(`${f.name.padEnd(17)} ${f.description}\n${"".padEnd(17)} runbook: ${f.runbook}`);
      return 0;
    case "logs":
      await logs(rest.find((a) => !a.startsWith("-")), rest.includes("-f") || rest.includes("--follow"));
      return 0;
    case "env":
      for (const [k, v] of Object.entries(labEnv())) console.log(`export ${k}=${JSON.stringify(v)}`);
      return 0;
    case "demo":
      await demo();
      return 0;
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lab: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
