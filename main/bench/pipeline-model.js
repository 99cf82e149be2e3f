#!/usr/bin/env node
// What an asynchronous (pipelining) jsii client would save, modelled from a request log of one run
// (main/bench/request-log.js): for each request, the kernel's busy time (request read -> response written) and the
// JVM's time before its next request (response written -> next request read). Today the two alternate: wall time of
// the exchange = sum of both. A pipelining client would not wait for the answers it can predict: `set`, an `invoke`
// whose answer is empty, and a `create` without overrides or interfaces (its object reference is the kernel's next
// id, which the client can count). The model replays the log with those requests answered at once, the kernel working
// through its queue in order while the JVM goes on, and prints both totals. It assumes a free core for each side and
// no callbacks (a run of the shipped environments has none; the model says so if it finds one).
// Usage: node main/bench/pipeline-model.js /tmp/requests.json
'use strict';
const fs = require('fs');

const events = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const requests = [];
let current = null;
let callbacks = 0;
for (const [direction, startedMs, endedMs, bytes] of events) {
  if (direction === 'in') {
    if (current && current.response === undefined && !current.request.endsWith('\n')) {
      current.readMs = endedMs; // the rest of a long request line
      current.request += bytes;
    } else {
      current = { readMs: endedMs, request: bytes };
    }
  } else if (current) {
    if (bytes.startsWith('{"callback"')) callbacks++;
    current.writtenMs = endedMs;
    current.response = bytes;
    requests.push(current);
    current = null;
  }
}

function answeredAtOnce({ request, response }) {
  const r = JSON.parse(request);
  if (r.api === 'create') return (r.overrides || []).length === 0 && (r.interfaces || []).length === 0;
  if (r.api === 'set') return true;
  if (r.api === 'invoke') return /^\{"ok":\{("result":null)?\}\}/.test(response);
  return false;
}

const kernelMs = requests.map((r) => r.writtenMs - r.readMs);
const jvmMs = requests.map((r, i) => (i + 1 < requests.length ? requests[i + 1].readMs - r.writtenMs : 0));
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const byKind = {};
requests.forEach((r, i) => {
  const kind = JSON.parse(r.request).api + (answeredAtOnce(r) ? ' (answered at once)' : '');
  byKind[kind] = byKind[kind] || { count: 0, kernelMs: 0 };
  byKind[kind].count++;
  byKind[kind].kernelMs += kernelMs[i];
});

let jvmAt = 0;
let kernelFreeAt = 0;
requests.forEach((r, i) => {
  const startsAt = Math.max(jvmAt, kernelFreeAt);
  kernelFreeAt = startsAt + kernelMs[i];
  jvmAt = (answeredAtOnce(r) ? jvmAt : kernelFreeAt) + jvmMs[i];
});

const serial = sum(kernelMs) + sum(jvmMs);
const pipelined = Math.max(jvmAt, kernelFreeAt);
console.log(`requests ${requests.length}, callbacks ${callbacks}${callbacks ? ' (the model ignores them: not valid)' : ''}`);
for (const [kind, k] of Object.entries(byKind).sort((a, b) => b[1].kernelMs - a[1].kernelMs)) {
  console.log(`  ${kind}: ${k.count} requests, kernel ${k.kernelMs.toFixed(0)} ms`);
}
console.log(`kernel busy ${sum(kernelMs).toFixed(0)} ms, JVM between requests ${sum(jvmMs).toFixed(0)} ms`);
console.log(`exchange today (alternating) ${serial.toFixed(0)} ms; pipelined ${pipelined.toFixed(0)} ms; ` +
  `saved ${(serial - pipelined).toFixed(0)} ms`);
