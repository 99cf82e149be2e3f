// Preloaded (node -r) into the jsii kernel program (lib/program.js of the jsii-runtime jar) by the launcher
// main/kvstores, so that the JVM talks to the kernel directly instead of through jsii's relay process
// (bin/jsii-runtime.js), which starts a second node only to copy bytes between the JVM's pipes and the
// kernel's fd 3. Measured by main/benchmark.sh: one node process fewer (about 50 MB) and about 0.15 s less.
//
// The kernel reads requests from and writes responses to fd 3 with fs.readSync / fs.writeSync; here fd 3
// means stdin for reads and stdout for writes (the pipes the JVM holds). The relay also turned the kernel's
// own console output into {"stdout": base64} lines on stderr, which the Java runtime decodes; this does
// the same, so console.log from JavaScript never lands in the protocol stream.
'use strict';
const fs = require('fs');

const KERNEL_FD = 3;
const readSync = fs.readSync;
const writeSync = fs.writeSync;

fs.readSync = function readSyncKernelFd(fd, ...rest) {
  return readSync.call(fs, fd === KERNEL_FD ? 0 : fd, ...rest);
};
fs.writeSync = function writeSyncKernelFd(fd, ...rest) {
  return writeSync.call(fs, fd === KERNEL_FD ? 1 : fd, ...rest);
};

process.stdout.write = function consoleToStderr(chunk, encoding, callback) {
  const bytes = Buffer.isBuffer(chunk) ? chunk
    : Buffer.from(String(chunk), typeof encoding === 'string' ? encoding : 'utf8');
  const line = Buffer.from(JSON.stringify({ stdout: bytes.toString('base64') }) + '\n');
  for (let offset = 0; offset < line.length;) {
    try {
      offset += writeSync.call(fs, 2, line, offset);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') process.nextTick(done);
  return true;
};
