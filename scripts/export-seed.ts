// Exports the seed fixture with the seed's own 情况说明 to a .docx (default out/seed.docx), for scripts/render-docx.sh.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { exportCommand } from "../src/cli/export-command";
import { nodeIo } from "../src/cli/node-io";
import { seedNarrativeText } from "../test/docx/seed";

const out = process.argv[2] ?? "out/seed.docx";
mkdirSync(dirname(out), { recursive: true });
const narrative = out.replace(/\.docx$/, "-narrative.txt");
writeFileSync(narrative, seedNarrativeText());
exportCommand(["test/fixtures/seed.xlsx", "-o", out, "--narrative", narrative, "--force"], nodeIo()).then((code) => {
  process.exitCode = code;
});
