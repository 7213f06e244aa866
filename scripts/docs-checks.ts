/** Writes docs/checks.md from the checks (npm run docs:checks). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { renderChecksDoc } from "@/lib/checks/checks-doc";
import { CHECKS } from "@/lib/checks/registry";
import { PROCEDURES } from "@/lib/runbooks/procedures";

const file = path.join(process.cwd(), "docs/checks.md");
writeFileSync(file, renderChecksDoc(CHECKS, PROCEDURES));
console.log(`wrote ${path.relative(process.cwd(), file)}: ${CHECKS.length} checks`);
