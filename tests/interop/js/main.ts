// Loads taxonomy.json through the generated types and prints the number of risks per domain.
// Usage: node out/main.js TAXONOMY_JSON
import { readFileSync } from "node:fs";
import type { Domain, MLSecOpsTaxonomy, RiskEntry } from "./generated/taxonomy.js";

const taxonomy: MLSecOpsTaxonomy = JSON.parse(readFileSync(process.argv[2], "utf8"));
const perDomain = new Map<Domain, number>();
taxonomy.risks.forEach((risk: RiskEntry) => {
  perDomain.set(risk.domain, (perDomain.get(risk.domain) ?? 0) + 1);
});
for (const [domain, count] of perDomain) {
  console.log(`${domain}: ${count} risks`);
}
if (perDomain.get("security") !== 23 || perDomain.get("privacy") !== 11) {
  console.log("FAIL wrong number of risks per domain");
  process.exit(1);
}
