// npx json2ts -i schemas/taxonomy.schema.json -o generated/taxonomy.ts
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { MLSecOpsTaxonomy } from "./generated/taxonomy.js";

const load = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const validate = new Ajv2020({ strict: true }).compile<MLSecOpsTaxonomy>(load("schemas/taxonomy.schema.json"));
const taxonomy = load("schemas/taxonomy.json");
if (!validate(taxonomy)) throw new Error(JSON.stringify(validate.errors));
const perDomain: Record<string, number> = {};
for (const risk of taxonomy.risks) perDomain[risk.domain] = (perDomain[risk.domain] ?? 0) + 1;
console.log(perDomain); // { security: 23, privacy: 11 }
