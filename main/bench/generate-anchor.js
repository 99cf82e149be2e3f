#!/usr/bin/env node
// Writes the TypeScript-anchor app of the benchmark: a plain cdktf app for node that declares the same
// resources, data sources, providers, outputs, locals and backend as the given synthesized stacks, importing each
// resource class from its own module (e.g. @cdktf/provider-kubernetes/lib/secret-v1), as a TypeScript user
// would; each class is found by its Terraform type (see classIndex). Attributes are applied with addOverride, so the anchor's cdk.tf.json carries the same content.
//
// Usage: node generate-anchor.js <out/app.js> <cdk.tf.json>...
'use strict';
const fs = require('fs');
const path = require('path');

const PACKAGES = ['@cdktf/provider-kubernetes', '@cdktf/provider-helm', '@cdktf/provider-random',
  '@cdktf/provider-aws', '@cdktf/provider-google', '@cdktf/provider-azurerm'];
const BASES = { TerraformResource: 'resource', TerraformDataSource: 'data', TerraformProvider: 'provider' };

// The classes of the provider packages by their Terraform type, not by their name (names get suffixes, e.g.
// S3BucketServerSideEncryptionConfigurationA, and data sources share the resource's type): every module
// lib/<dir>/index.js assigns `<Class>.tfResourceType = "<type>"` to a class that extends cdktf's
// TerraformResource, TerraformDataSource or TerraformProvider. Each entry found is checked by loading the module.
// The index is cached next to the anchor app, keyed by the packages' versions (aws alone has 2,000 modules).
function classIndex(resolveFrom) {
  const roots = PACKAGES.map((pkg) => path.dirname(require.resolve(`${pkg}/package.json`, { paths: [resolveFrom] })));
  const key = roots.map((root) => { const p = require(path.join(root, 'package.json')); return `${p.name}@${p.version}`; })
    .join(' ');
  const cacheFile = path.join(resolveFrom, 'class-index.json');
  if (fs.existsSync(cacheFile)) {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    if (cached.key === key) return new Map(Object.entries(cached.index));
  }
  const index = new Map(); // "<kind> <type>" -> { module, cls }
  for (const [i, pkg] of PACKAGES.entries()) {
    const root = roots[i];
    for (const dir of fs.readdirSync(path.join(root, 'lib'))) {
      const file = path.join(root, 'lib', dir, 'index.js');
      if (!fs.existsSync(file)) continue;
      const js = fs.readFileSync(file, 'utf8');
      const bases = new Map([...js.matchAll(/class (\w+) extends cdktf\.(Terraform\w+)/g)].map((m) => [m[1], m[2]]));
      for (const m of js.matchAll(/^(\w+)\.tfResourceType = "([^"]+)";$/gm)) {
        const kind = BASES[bases.get(m[1])];
        if (!kind) continue;
        const key = `${kind} ${m[2]}`;
        if (index.has(key)) throw new Error(`two classes for ${key}: ${index.get(key).module} and ${pkg}/lib/${dir}`);
        index.set(key, { module: `${pkg}/lib/${dir}`, cls: m[1] });
      }
    }
  }
  fs.writeFileSync(cacheFile, JSON.stringify({ key, index: Object.fromEntries(index) }));
  return index;
}

function classOf(index, kind, type, resolveFrom) {
  const found = index.get(`${kind} ${type}`);
  if (!found) throw new Error(`no ${kind} class with tfResourceType "${type}" in ${PACKAGES.join(', ')}`);
  const cls = require(require.resolve(found.module, { paths: [resolveFrom] }))[found.cls];
  if (!cls || cls.tfResourceType !== type) throw new Error(`${found.module} ${found.cls} is not ${kind} ${type}`);
  return found;
}

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  console.error('usage: node generate-anchor.js <out/app.js> <cdk.tf.json>...');
  process.exit(2);
}
const resolveFrom = path.dirname(path.resolve(out)); // the anchor app's directory, with its node_modules
const index = classIndex(resolveFrom);
const imports = new Map();
const body = [];
const use = (kind, type) => {
  const { module, cls } = classOf(index, kind, type, resolveFrom);
  const local = `${cls}_${module.split('/lib/')[1].replace(/-/g, '_')}_${kind}`;
  imports.set(local, `const { ${cls}: ${local} } = require('${module}');`);
  return local;
};
const strip = (obj) => { const { '//': _, ...rest } = obj; return rest; };

for (const file of inputs) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const stackName = path.basename(path.dirname(file));
  const v = `s_${stackName.replace(/-/g, '_')}`;
  body.push(`const ${v} = new TerraformStack(app, ${JSON.stringify(stackName)});`);
  for (const [name, configs] of Object.entries(json.provider || {})) {
    const local = use('provider', name);
    configs.forEach((config, i) => {
      body.push(`{ const p = new ${local}(${v}, ${JSON.stringify(`${name}${i}`)}, {});`);
      for (const [k, val] of Object.entries(strip(config))) body.push(`  p.addOverride(${JSON.stringify(k)}, ${JSON.stringify(val)});`);
      body.push('}');
    });
  }
  for (const [block, isData] of [['resource', false], ['data', true]]) {
    for (const [type, byName] of Object.entries(json[block] || {})) {
      const local = use(isData ? 'data' : 'resource', type);
      for (const [name, config] of Object.entries(byName)) {
        body.push(`{ const r = new ${local}(${v}, ${JSON.stringify(name)}, {}); r.overrideLogicalId(${JSON.stringify(name)});`);
        for (const [k, val] of Object.entries(strip(config))) body.push(`  r.addOverride(${JSON.stringify(k)}, ${JSON.stringify(val)});`);
        body.push('}');
      }
    }
  }
  for (const [name, config] of Object.entries(json.output || {})) {
    body.push(`new TerraformOutput(${v}, ${JSON.stringify(name)}, ${JSON.stringify({ value: config.value, sensitive: config.sensitive, description: config.description })});`);
  }
  for (const [name, value] of Object.entries(json.locals || {})) {
    body.push(`${v}.addOverride(${JSON.stringify(`locals.${name}`)}, ${JSON.stringify(value)});`);
  }
  const backend = (json.terraform || {}).backend;
  // a backend construct (a stack without one gets cdktf's default local backend, which an override would not remove)
  for (const [type, config] of Object.entries(backend || {})) {
    body.push(`new Backend(${v}, ${JSON.stringify(type)}, ${JSON.stringify(config)});`);
  }
}

const source = [
  "'use strict';",
  "// Generated by main/bench/generate-anchor.js: the TypeScript anchor of the synthesis benchmark.",
  "const { App, TerraformStack, TerraformOutput, TerraformBackend } = require('cdktf');",
  'class Backend extends TerraformBackend {',
  '  constructor(scope, type, config) { super(scope, "backend", type); this.config = config; }',
  '  synthesizeAttributes() { return this.config; }',
  '}',
  ...[...imports.values()].sort(),
  'const app = new App({ outdir: process.env.CDKTF_OUTDIR || "cdktf.out" });',
  ...body,
  'app.synth();',
  '',
].join('\n');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, source);
console.log(`anchor: ${inputs.length} stack(s), ${imports.size} module(s) -> ${out}`);
