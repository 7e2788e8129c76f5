// Copy the browser files listed under "vendor" in package.json, with their licence files,
// from node_modules/ into the package's static folder (src/crosscheck/web/static/vendor/).
// Run by `make setup` after `npm ci`; the copies are build outputs and are not committed.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "src", "crosscheck", "web", "static", "vendor");
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));

rmSync(target, { recursive: true, force: true });
const versions = {};
for (const [name, files] of Object.entries(manifest.vendor)) {
  const source = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
  versions[name] = { version: meta.version, license: meta.license, files };
  mkdirSync(join(target, name), { recursive: true });
  for (const file of files) {
    cpSync(join(source, file), join(target, name, file.split("/").pop()));
  }
}
writeFileSync(join(target, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(`vendored ${Object.keys(versions).length} packages into ${target}`);
