// Benchmark aid (docs/performance-and-synthesis-server.md, "What an asynchronous jsii client would save"),
// preloaded into the jsii kernel through NODE_OPTIONS like kernel-timeline.js: records every read of a request
// and every write of a response on the protocol pipe (when it started, when it ended, the bytes) and at exit
// writes them to $KVSTORES_REQUEST_LOG as JSON, for main/bench/pipeline-model.js.
// Usage: NODE_OPTIONS="--require $PWD/main/bench/request-log.js" KVSTORES_REQUEST_LOG=/tmp/requests.json \
//          KVSTORES_SERVER=off main/kvstores [--environments DIR]
'use strict';
const fs = require('fs');

const out = process.env.KVSTORES_REQUEST_LOG;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const readSync = fs.readSync;
const writeSync = fs.writeSync;
const events = [];

function text(data) {
  return typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString();
}

fs.readSync = function loggedRead(fd, buffer, offset, length, position) {
  const startedMs = now();
  const read = readSync.apply(fs, arguments);
  if (fd === 0 || fd === 3) events.push(['in', startedMs, now(), buffer.slice(offset, offset + read).toString()]);
  return read;
};
fs.writeSync = function loggedWrite(fd, data) {
  const startedMs = now();
  const written = writeSync.apply(fs, arguments);
  if (fd === 1 || fd === 3) events.push(['out', startedMs, now(), text(data)]);
  return written;
};
process.on('exit', () => {
  if (out) fs.writeFileSync(out, JSON.stringify(events));
});
