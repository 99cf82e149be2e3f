// Preloaded (node -r) into the jsii kernel program (lib/program.js of the jsii-runtime jar) by the launcher
// main/kvstores, so that the JVM talks to the kernel directly instead of through jsii's relay process
// (bin/jsii-runtime.js), which starts a second node only to copy bytes between the JVM's pipes and the
// kernel's fd 3. Measured by main/benchmark.sh: one node process fewer (about 50 MB) and about 0.15 s less.
//
// The kernel reads requests from and writes responses to fd 3 with fs.readSync / fs.writeSync; here fd 3
// means stdin for reads and stdout for writes (the pipes the JVM holds). The relay also turned the kernel's
// own console output into {"stdout": base64} lines and its standard error into {"stderr": base64} lines on
// stderr, which the Java runtime decodes; this does the same, so console.log from JavaScript never lands in the
// protocol stream, and what the kernel writes to stderr reaches the JVM's stderr as it is (the Java runtime
// prints a line that is not such JSON with an extra newline, and drops one that looks like it).
//
// Limits, unlike the relay: stdin is the protocol pipe, so JavaScript must not read it (cdktf does not); and a
// module preloaded through NODE_OPTIONS loads before this one, so what it prints to stdout while loading goes
// into the protocol stream (KVSTORES_JSII_RELAY=1 goes back to the relay).
'use strict';
const fs = require('fs');

const KERNEL_FD = 3;
const readSync = fs.readSync;
const writeSync = fs.writeSync;

function writeLineToStderr(tag, bytes) {
  const line = Buffer.from(JSON.stringify({ [tag]: bytes.toString('base64') }) + '\n');
  for (let offset = 0; offset < line.length;) {
    try {
      offset += writeSync.call(fs, 2, line, offset);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}

// The bytes fs.writeSync(fd, buffer[, offset[, length]]) or fs.writeSync(fd, string[, position[, encoding]])
// would write.
function bytesOf(data, offsetOrPosition, lengthOrEncoding) {
  if (typeof data === 'string') {
    return Buffer.from(data, typeof lengthOrEncoding === 'string' ? lengthOrEncoding : 'utf8');
  }
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const offset = typeof offsetOrPosition === 'number' ? offsetOrPosition : 0;
  const length = typeof lengthOrEncoding === 'number' ? lengthOrEncoding : buffer.length - offset;
  return buffer.subarray(offset, offset + length);
}

fs.readSync = function readSyncKernelFd(fd, ...rest) {
  return readSync.call(fs, fd === KERNEL_FD ? 0 : fd, ...rest);
};
fs.writeSync = function writeSyncKernelFd(fd, data, ...rest) {
  if (fd === 2) {
    const bytes = bytesOf(data, ...rest);
    writeLineToStderr('stderr', bytes);
    return bytes.length;
  }
  return writeSync.call(fs, fd === KERNEL_FD ? 1 : fd, data, ...rest);
};

function consoleStream(tag) {
  return function consoleToStderr(chunk, encoding, callback) {
    writeLineToStderr(tag, Buffer.isBuffer(chunk) ? chunk
      : Buffer.from(String(chunk), typeof encoding === 'string' ? encoding : 'utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}
process.stdout.write = consoleStream('stdout');
process.stderr.write = consoleStream('stderr');
