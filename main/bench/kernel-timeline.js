// Benchmark aid (main/benchmark.sh), preloaded into the jsii kernel through NODE_OPTIONS, so before the
// launcher's -r main/jsii/direct-stdio.js (it sees fd 3 already mapped to 0 and 1, and handles both): records
// when each request arrives and when its response leaves, and at exit writes to $KVSTORES_KERNEL_TIMELINE a
// JSON summary: the kernel's busy time (by request kind), the time it waited for the JVM between requests, and
// (as milliseconds since the epoch) when node started, when the first request came and when synth answered.
'use strict';
const fs = require('fs');

const out = process.env.KVSTORES_KERNEL_TIMELINE;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const startedAt = now();
const epochAt = (ms) => Date.now() - (now() - ms); // an hrtime reading as milliseconds since the epoch
const nodeStartedEpochMs = Date.now() - process.uptime() * 1000;
let lastSynthDoneAt = null;
const readSync = fs.readSync;
const writeSync = fs.writeSync;
const busy = {};
let waitingForJvm = 0;
let requestKind = null;
let requestAt = null;
let firstRequestAt = null;

fs.readSync = function timedRead(fd, buffer, offset, length, position) {
  if (fd !== 0 && fd !== 3) return readSync.apply(fs, arguments);
  const before = now();
  const read = readSync.call(fs, fd, buffer, offset, length, position);
  const after = now();
  if (firstRequestAt === null) firstRequestAt = after; else waitingForJvm += after - before;
  const text = buffer.slice(offset, offset + Math.min(read, 300)).toString();
  const api = (text.match(/"api":"(\w+)"/) || [])[1] || (text.includes('"complete"') ? 'complete' : 'create');
  const method = (text.match(/"method":"(\w+)"/) || [])[1];
  requestKind = api === 'invoke' && method === 'synth' ? 'synth' : api;
  requestAt = after;
  return read;
};
fs.writeSync = function timedWrite(fd) {
  if ((fd === 1 || fd === 3) && requestAt !== null) {
    busy[requestKind] = busy[requestKind] || { ms: 0, count: 0 };
    busy[requestKind].ms += now() - requestAt;
    busy[requestKind].count += 1;
    if (requestKind === 'synth') lastSynthDoneAt = now();
    requestAt = null;
  }
  return writeSync.apply(fs, arguments);
};
process.on('exit', () => {
  if (!out) return;
  const kernelBusy = Object.values(busy).reduce((sum, b) => sum + b.ms, 0);
  fs.writeFileSync(out, JSON.stringify({
    nodeStartToFirstRequestMs: firstRequestAt - startedAt,
    nodeStartedEpochMs,
    firstRequestEpochMs: epochAt(firstRequestAt),
    lastSynthDoneEpochMs: lastSynthDoneAt === null ? null : epochAt(lastSynthDoneAt),
    kernelBusyMs: kernelBusy,
    waitingForJvmMs: waitingForJvm,
    busyByKind: busy,
  }));
});
