// validate.mjs: check catalogue files against the editor JSON Schema.
// usage: node validate.mjs SCHEMA FILE... ; a file named *.bad.yaml must fail.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Packages come from $NODE_MODULES (installed by the Makefile under build/).
const require = createRequire(path.resolve(process.env.NODE_MODULES ??
  "node_modules") + "/");
const Ajv2020 = require("ajv/dist/2020.js").default;
const YAML = require("yaml");

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
let failed = 0;

for (const file of files) {
  const data = YAML.parse(readFileSync(file, "utf8"));
  const ok = validate(data);
  const shouldFail = file.endsWith(".bad.yaml");
  if (ok === shouldFail) {
    failed++;
    console.error(`FAIL: ${file}: ${ok ? "accepted, expected rejection" :
      ajv.errorsText(validate.errors)}`);
  }
}
console.log(`  ok catalogue JSON Schema (${files.length} files)`);
process.exit(failed ? 1 : 0);
