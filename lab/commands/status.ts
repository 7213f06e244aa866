/** `lab status [--json]`: every component with its endpoint and whether it answers. */
import { statusAll } from "../core/components.ts";
import { readFaults } from "../core/fault-state.ts";

export async function status(json: boolean): Promise<boolean> {
  const components = await statusAll();
  if (json) {
    console.log(JSON.stringify({ components, faults: Object.keys(readFaults()) }, null, 2));
  } else {
    const width = Math.max(...components.map((c) => c.name.length));
    for (const c of components) console.log(`${c.up ? "up  " : "DOWN"}  ${c.name.padEnd(width)}  ${c.endpoint}  ${c.detail.slice(0, 100)}`);
    const faults = Object.keys(readFaults());
    console.log(faults.length ? `active faults: ${faults.join(", ")}` : "no active faults");
  }
  return components.every((c) => c.up);
}
