#!/usr/bin/env node
// Compiles the constant static properties of a lean provider package into its generated Java code
// (lean-bindings.sh, after jsii-pacmak). jsii-pacmak initializes every static property in the class's static
// initializer with a request to the jsii kernel (`jsiiStaticGet`, an `sget` round trip); for the ~90 classes a
// synthesis of the shipped environments touches, that is ~90 requests that each return a literal, such as
// `tfResourceType = "aws_s3_bucket"`. This replaces such a request with the literal when:
//   - the assembly declares the property static and immutable (a `static readonly` of TypeScript) of type string;
//   - the package's JavaScript, loaded here, holds a string in it (the value the kernel would return);
// and fails the build when a `jsiiStaticGet` of such a property is not in the expected shape, or when the
// JavaScript value is missing or not a string. Other static gets are left to the kernel.
// It writes the replacements (Java class, field, property, value) as a Java properties file in the
// package's resources, `<java package path>/inlined-constants.properties`, from which
// main's LeanBindingConstantsTest checks each compiled field against the kernel's answer.
//
// Usage: node inline-constants.js <package dir> <generated java dir> <resources dir> <java root package>
// Prints one summary line.
'use strict';
const fs = require('fs');
const path = require('path');

function fail(message) {
  console.error(`inline-constants: ${message}`);
  process.exit(1);
}

function javaFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return javaFiles(full);
    return entry.name.endsWith('.java') ? [full] : [];
  });
}

// The JavaScript value of a static property, by the type's jsii fqn, walking the package's exports as the
// kernel does.
function jsValue(packageExports, assemblyName, fqn, property) {
  if (!fqn.startsWith(`${assemblyName}.`)) fail(`${fqn} is not in ${assemblyName}`);
  let value = packageExports;
  for (const part of fqn.slice(assemblyName.length + 1).split('.')) {
    value = value == null ? undefined : value[part];
  }
  if (typeof value !== 'function') fail(`${fqn}: no such class in the package's JavaScript`);
  return value[property];
}

// Java string literal for a string value.
function javaLiteral(text) {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function main() {
  const [packageDir, javaDir, resourcesDir, javaRoot] = process.argv.slice(2);
  if (!javaRoot) fail('usage: inline-constants.js <package dir> <generated java dir> <resources dir> <java root package>');
  const assembly = JSON.parse(fs.readFileSync(path.join(packageDir, '.jsii'), 'utf8'));
  const packageExports = require(path.resolve(packageDir));

  // fqn -> { property name -> property } of the static immutable string properties the assembly declares.
  const constants = new Map();
  for (const [fqn, type] of Object.entries(assembly.types || {})) {
    for (const property of type.properties || []) {
      if (property.static && property.immutable && property.type && property.type.primitive === 'string') {
        if (!constants.has(fqn)) constants.set(fqn, new Map());
        constants.get(fqn).set(property.name, property);
      }
    }
  }

  const staticGet = /^(\s*)(\w+) = software\.amazon\.jsii\.JsiiObject\.jsiiStaticGet\(([\w.$]+)\.class, "(\w+)", software\.amazon\.jsii\.NativeType\.forClass\(java\.lang\.String\.class\)\);$/;
  const inlined = [];
  let otherStaticGets = 0;
  for (const file of javaFiles(javaDir)) {
    const source = fs.readFileSync(file, 'utf8');
    if (!source.includes('jsiiStaticGet(')) continue;
    const fqn = (source.match(/@software\.amazon\.jsii\.Jsii\(module = [\w.$]+\.class, fqn = "([^"]+)"\)/) || [])[1];
    const javaClass = path.relative(javaDir, file).replace(/\.java$/, '').split(path.sep).join('.');
    const properties = fqn && constants.get(fqn);
    let changed = false;
    const lines = source.split('\n').map((line) => {
      if (!line.includes('jsiiStaticGet(')) return line;
      const match = line.match(staticGet);
      const property = match && properties && properties.get(match[4]);
      if (!property) {
        if (properties && [...properties.keys()].some((name) => line.includes(`"${name}"`))) {
          fail(`${file}: a static get of a constant in an unexpected shape (jsii-pacmak changed?): ${line.trim()}`);
        }
        otherStaticGets += 1;
        return line;
      }
      if (match[3] !== javaClass) fail(`${file}: static get through ${match[3]}, expected ${javaClass}`);
      const value = jsValue(packageExports, assembly.name, fqn, property.name);
      if (typeof value !== 'string') {
        fail(`${fqn}.${property.name}: the assembly declares a static readonly string, the JavaScript holds`
          + ` ${JSON.stringify(value)}`);
      }
      inlined.push({ javaClass, field: match[2], property: property.name, fqn, value });
      changed = true;
      return `${match[1]}${match[2]} = ${javaLiteral(value)}; // inlined by bindings/lean/inline-constants.js`;
    });
    if (changed) fs.writeFileSync(file, lines.join('\n'));
  }
  const expected = [...constants.values()].reduce((sum, properties) => sum + properties.size, 0);
  if (inlined.length !== expected) {
    fail(`the assembly declares ${expected} static readonly string properties, ${inlined.length} were found as`
      + ' static gets in the generated Java code (jsii-pacmak changed?)');
  }
  const manifestDir = path.join(resourcesDir, ...javaRoot.split('.'));
  fs.mkdirSync(manifestDir, { recursive: true });
  const escape = (s) => s.replace(/[\\=:#!\s]/g, (c) => `\\${c}`);
  fs.writeFileSync(path.join(manifestDir, 'inlined-constants.properties'),
    '# Static readonly properties compiled into the Java classes as constants (bindings/lean/inline-constants.js):\n'
    + '# <java class>#<field>=<jsii fqn>#<property>#<value>\n'
    + inlined.map((c) => `${escape(`${c.javaClass}#${c.field}`)}=${escape(`${c.fqn}#${c.property}#${c.value}`)}\n`)
      .join(''));
  console.log(`${assembly.name}: ${inlined.length} static readonly strings compiled in as constants`
    + ` (${otherStaticGets} other static gets left to the kernel)`);
}

main();
