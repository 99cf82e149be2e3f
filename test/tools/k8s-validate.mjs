// Validates Kubernetes objects against the API schemas of Kubernetes 1.25 and of the newest line, and custom
// resources against their CRDs' schemas (the npm packages test/tools/k8s-schemas.sh installs).
// Usage: node k8s-validate.mjs SCHEMAS_DIR OBJECTS_JSON
//   OBJECTS_JSON: a file holding [{"source": "...", "object": {...}}, ...]
// Prints one JSON line per object and schema: {"source","id","schema","valid","errors":[{"path","message"}]}.
// Exit 0: every object is valid against every schema that applies; 1: at least one is invalid or has no schema
// (an object we cannot check is a failure, never a skip); 2: bad usage or a broken install.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [schemasDir, objectsFile] = process.argv.slice(2);
if (!schemasDir || !objectsFile) {
  console.error("usage: node k8s-validate.mjs SCHEMAS_DIR OBJECTS_JSON");
  process.exit(2);
}
const modules = join(schemasDir, "node_modules");
const API = [
  { schema: "kubernetes-1.25", pkg: "k8s-1.25" },
  { schema: "kubernetes-newest", pkg: "k8s-newest" },
];
const CRDS = {
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "acme.cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};
for (const p of [...API.map((a) => a.pkg), ...new Set(Object.values(CRDS))]) {
  if (!existsSync(join(modules, p, "package.json"))) {
    console.error(`k8s-validate: ${p} is not installed in ${modules}: run bash test/tools/k8s-schemas.sh`);
    process.exit(2);
  }
}

async function model(pkg, apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const dir = slash < 0 ? join(modules, pkg, apiVersion) : join(modules, pkg, apiVersion.slice(0, slash), apiVersion.slice(slash + 1));
  for (const ext of [".mjs", ".js"]) {
    const file = join(dir, kind + ext);
    if (existsSync(file)) {
      const mod = await import(pathToFileURL(file).href);
      const cls = mod[kind] ?? mod.default?.[kind];
      if (typeof cls === "function") return cls;
    }
  }
  return null;
}

function errorsOf(e) {
  const list = e?.errors ?? e?.details;
  if (Array.isArray(list) && list.length) {
    return list.map((x) => ({ path: x.instancePath ?? x.dataPath ?? "", message: `${x.message ?? x.keyword}${x.params ? " " + JSON.stringify(x.params) : ""}` }));
  }
  return [{ path: "", message: String(e?.message ?? e) }];
}

const items = JSON.parse(readFileSync(objectsFile, "utf8"));
let failed = false;
for (const { source, object } of items) {
  const apiVersion = object?.apiVersion ?? "";
  const kind = object?.kind ?? "";
  const id = `${apiVersion} ${kind} ${object?.metadata?.namespace ?? ""}/${object?.metadata?.name ?? ""}`;
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const targets = CRDS[group] ? [{ schema: CRDS[group], pkg: CRDS[group] }] : API;
  for (const { schema, pkg } of targets) {
    const cls = apiVersion && kind ? await model(pkg, apiVersion, kind) : null;
    let result;
    if (!cls) {
      result = { valid: false, errors: [{ path: "", message: `${schema} has no schema for ${apiVersion} ${kind}` }] };
    } else {
      try {
        new cls(object).validate();
        result = { valid: true, errors: [] };
      } catch (e) {
        result = { valid: false, errors: errorsOf(e) };
      }
    }
    failed ||= !result.valid;
    console.log(JSON.stringify({ source, id, schema, ...result }));
  }
}
process.exit(failed ? 1 : 0);
