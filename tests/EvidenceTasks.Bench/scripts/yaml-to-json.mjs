// Mirror an evidence repository for ajv-cli: every structured file of governance/, roster/ and evidence/ becomes JSON
// under OUT (x.yaml -> x.yaml.json read with js-yaml's YAML 1.2 CORE_SCHEMA, as docs/formats.md advises; .json copied).
// Usage: node yaml-to-json.mjs SRC OUT   (run where js-yaml is installed, e.g. /tmp/ajv)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
const yaml = createRequire(path.join(process.cwd(), "x.js"))("js-yaml");
const [src, out] = process.argv.slice(2);
let n = 0;
function walk(rel) {
  for (const e of fs.readdirSync(path.join(src, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) { walk(r); continue; }
    fs.mkdirSync(path.join(out, rel), { recursive: true });
    if (r.endsWith(".yaml")) {
      const doc = yaml.load(fs.readFileSync(path.join(src, r), "utf8"), { schema: yaml.CORE_SCHEMA });
      fs.writeFileSync(path.join(out, r + ".json"), JSON.stringify(doc, null, 2) + "\n"); n++;
    } else if (r.endsWith(".json")) { fs.copyFileSync(path.join(src, r), path.join(out, r)); n++; }
  }
}
for (const top of ["governance", "roster", "evidence"]) if (fs.existsSync(path.join(src, top))) walk(top);
console.log(`mirrored ${n} structured files to ${out}`);
