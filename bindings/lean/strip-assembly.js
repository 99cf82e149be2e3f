#!/usr/bin/env node
// Strips what the jsii kernel never reads from the assembly (.jsii) inside a package tarball that
// jsii-pacmak put into the Java resources (<name>@<version>.jsii.tgz): the documentation of every type,
// member and parameter (`docs`), source locations (`locationInModule`) and TypeScript symbol ids
// (`symbolId`). The kernel parses the whole assembly at every synthesis and keeps it in memory; without
// these it parses less than half the text (lean kubernetes: 3.9 -> 1.8 MB). The Java code was already
// generated from the full assembly, so its Javadoc and annotations are unchanged. Everything else in the
// tarball is kept byte for byte.
//
// Usage: node strip-assembly.js <package tarball .tgz>      (rewrites it in place; prints sizes)
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const tarball = process.argv[2];
if (!tarball || process.argv.length !== 3) {
  console.error('usage: node strip-assembly.js <package tarball .tgz>');
  process.exit(2);
}
const UNUSED = new Set(['docs', 'locationInModule', 'symbolId']);
const strip = (node) => {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  const kept = {};
  for (const [key, value] of Object.entries(node)) if (!UNUSED.has(key)) kept[key] = strip(value);
  return kept;
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'strip-assembly-'));
try {
  cp.execFileSync('tar', ['-xzf', path.resolve(tarball), '-C', work]);
  const file = path.join(work, 'package', '.jsii');
  const text = fs.readFileSync(file, 'utf8');
  const assembly = JSON.parse(text);
  if (assembly.schema !== 'jsii/0.10.0') throw new Error(`${tarball}: unexpected assembly schema ${assembly.schema}`);
  // The kernel needs types, submodules, dependencies and the names; the top-level readme is not read either.
  const { readme: _readme, ...rest } = strip(assembly);
  const stripped = JSON.stringify(rest);
  fs.writeFileSync(file, stripped);
  cp.execFileSync('tar', ['-czf', path.resolve(tarball), '-C', work, 'package']);
  console.log(`${path.basename(tarball)}: assembly ${(text.length / 1048576).toFixed(1)} MB -> ` +
    `${(stripped.length / 1048576).toFixed(1)} MB (docs, source locations and symbol ids removed)`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
