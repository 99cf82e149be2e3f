#!/usr/bin/env node
// Makes a trimmed ("lean") copy of a prebuilt cdktf provider npm package, for jsii-pacmak.
//
// Keeps only the given submodules (plus the `provider` submodule and every type they reference,
// transitively), renames the package (npm name, jsii fqns, Java package and Maven coordinates) so it can
// never clash with the official package or jar, and writes a package index that requires only the kept
// submodules, each on first access. Types of other assemblies (cdktf, constructs) are referenced, never copied.
//
// Usage: node trim-provider.js <official package dir> <out dir> <lean npm name> <java package>
//                              <maven groupId> <maven artifactId> <submodule,...>
//   submodules are named as in Java (the last package segment: secret_v1, stateful_set_v1, provider).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [src, out, leanName, javaPackage, groupId, artifactId, submoduleList] = process.argv.slice(2);
if (process.argv.length !== 9) {
  console.error('usage: node trim-provider.js <src> <out> <npm name> <java package> <groupId> <artifactId> <submodules>');
  process.exit(2);
}

function readAssembly(dir) {
  const file = path.join(dir, '.jsii');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (json.schema === 'jsii/file-redirect') { // compressed assembly
    const target = path.join(dir, json.filename);
    const buf = fs.readFileSync(target);
    return JSON.parse((json.compression === 'gzip' ? zlib.gunzipSync(buf) : buf).toString('utf8'));
  }
  return json;
}

const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
const asm = readAssembly(src);
const official = asm.name;
const snake = (s) => s.replace(/([A-Z])/g, '_$1').toLowerCase().replace(/^_/, '');

// Submodule jsii name (secretV1) <- Java package segment (secret_v1).
const byJavaName = new Map();
for (const fqn of Object.keys(asm.submodules || {})) {
  const name = fqn.slice(official.length + 1);
  if (!name.includes('.')) byJavaName.set(snake(name), name);
}
const wanted = new Set(['provider', ...submoduleList.split(',').filter(Boolean)]);
const roots = new Set();
for (const javaName of wanted) {
  const name = byJavaName.get(javaName);
  if (!name) { console.error(`${official}: no submodule for Java package segment '${javaName}'`); process.exit(1); }
  roots.add(name);
}

// Closure: every type of a wanted submodule, then every type of this assembly any kept type references.
const types = asm.types || {};
const keep = new Set();
const queue = [];
const add = (fqn) => { if (!keep.has(fqn) && types[fqn]) { keep.add(fqn); queue.push(fqn); } };
for (const fqn of Object.keys(types)) {
  const ns = (types[fqn].namespace || '').split('.')[0];
  if (roots.has(ns)) add(fqn);
}
const collect = (node) => {
  if (Array.isArray(node)) { node.forEach(collect); return; }
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'docs') continue;
    if (typeof v === 'string' && (k === 'fqn' || k === 'base' || k === 'overrides')) add(v);
    else if (k === 'interfaces' && Array.isArray(v)) v.forEach(add);
    else collect(v);
  }
};
while (queue.length) collect(types[queue.shift()]);

// Submodules that hold a kept type (a referenced type may live in another submodule).
const keptSubmodules = new Set();
for (const fqn of keep) {
  const ns = types[fqn].namespace;
  if (ns) keptSubmodules.add(ns.split('.')[0]);
}
for (const r of roots) keptSubmodules.add(r);

// The package index maps each submodule to its directory: exports.secretV1 = require("./secret-v1");
const index = fs.readFileSync(path.join(src, 'lib/index.js'), 'utf8');
const dirOf = new Map();
for (const m of index.matchAll(/exports\.(\w+)\s*=\s*require\("\.\/([^"]+)"\)/g)) dirOf.set(m[1], m[2]);
for (const s of keptSubmodules) {
  if (!dirOf.has(s)) { console.error(`${official}: lib/index.js does not export submodule ${s}`); process.exit(1); }
}

// Rename: every reference to the official assembly (fqns, submodules, names) -> the lean name.
const escaped = official.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const rename = (text) => text.replace(new RegExp(`${escaped}(?=[."/])`, 'g'), leanName);

const trimmed = { ...asm };
trimmed.name = leanName;
trimmed.description = `${asm.description} (lean: only the submodules kvstores uses)`;
trimmed.readme = { markdown: `# ${leanName}\n\nTrimmed copy of ${official}@${asm.version} made by the kvstores build.\n` };
trimmed.types = {};
for (const fqn of [...keep].sort()) trimmed.types[fqn] = types[fqn];
trimmed.submodules = {};
for (const s of [...keptSubmodules].sort()) {
  const sub = { ...asm.submodules[`${official}.${s}`] };
  delete sub.readme;
  trimmed.submodules[`${official}.${s}`] = sub;
}
trimmed.targets = { java: { package: javaPackage, maven: { groupId, artifactId } }, js: { npm: leanName } };
let text = rename(JSON.stringify(trimmed));
const fingerprint = require('crypto').createHash('sha256').update(text).digest('base64');
text = text.replace(/"fingerprint":"[^"]*"/, `"fingerprint":${JSON.stringify(fingerprint)}`);

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'lib'), { recursive: true });
fs.writeFileSync(path.join(out, '.jsii'), text);

// Package files: the kept submodules' JavaScript (fqns in the runtime type information renamed).
let jsFiles = 0;
const copyJs = (from, to) => {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const f = path.join(from, e.name), t = path.join(to, e.name);
    if (e.isDirectory()) copyJs(f, t);
    else if (e.name.endsWith('.js')) {
      const js = fs.readFileSync(f, 'utf8');
      for (const m of js.matchAll(/require\("(\.\.\/[^"]+)"\)/g)) {
        const target = path.relative(path.join(src, 'lib'), path.resolve(path.dirname(f), m[1])).split(path.sep)[0];
        if (![...keptSubmodules].some((s) => dirOf.get(s) === target)) {
          console.error(`${official}: ${f} requires ${m[1]}, outside the kept submodules`); process.exit(1);
        }
      }
      fs.writeFileSync(t, rename(js)); jsFiles++;
    }
  }
};
const lines = ['"use strict";', `// ${leanName}: trimmed copy of ${official}@${asm.version} (kvstores lean bindings)`,
  'Object.defineProperty(exports, "__esModule", { value: true });'];
for (const s of [...keptSubmodules].sort()) {
  copyJs(path.join(src, 'lib', dirOf.get(s)), path.join(out, 'lib', dirOf.get(s)));
  // Lazy: the jsii kernel finds a type by walking the package's exports (closure.<submodule>.<Type>), so a
  // getter requires a submodule only when a synthesis first touches it (the lean aws package alone keeps
  // dozens of submodules; a stack of another platform loads none of them).
  lines.push(`Object.defineProperty(exports, ${JSON.stringify(s)}, { enumerable: true, configurable: true, ` +
    `get: () => require("./${dirOf.get(s)}") });`);
}
fs.writeFileSync(path.join(out, 'lib/index.js'), lines.join('\n') + '\n');

const leanPkg = {
  name: leanName, version: pkg.version, description: trimmed.description, license: pkg.license,
  author: pkg.author, repository: pkg.repository, main: 'lib/index.js',
  peerDependencies: pkg.peerDependencies, engines: pkg.engines,
  jsii: { outdir: 'dist', targets: { java: { package: javaPackage, maven: { groupId, artifactId } } } },
};
fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(leanPkg, null, 2) + '\n');
if (fs.existsSync(path.join(src, 'LICENSE'))) fs.copyFileSync(path.join(src, 'LICENSE'), path.join(out, 'LICENSE'));

console.log(`${leanName}: ${keep.size} of ${Object.keys(types).length} types, ` +
  `${keptSubmodules.size} of ${Object.keys(asm.submodules || {}).length} submodules ` +
  `(${[...keptSubmodules].sort().join(' ')}), ${jsFiles} JS files, .jsii ${(text.length / 1048576).toFixed(1)} MB ` +
  `(official ${(fs.statSync(path.join(src, '.jsii')).size / 1048576).toFixed(1)} MB)`);
