#!/usr/bin/env node
// Where the time of one Java run goes (main/benchmark.sh): combines the shell's start and end, the JVM's own
// counters (hsperfdata saved at exit, read with jstat -snap), the jsii kernel timeline (kernel-timeline.js) and
// the JVM's class-load log of a second run. Prints Markdown table rows: phase | seconds | share.
//
// Usage: node split.js <start epoch s> <end epoch s> <jstat -snap output> <timeline.json> <class-load log>
'use strict';
const fs = require('fs');

const [startS, endS, snapFile, timelineFile, classLog] = process.argv.slice(2);
const start = Number(startS) * 1000;
const end = Number(endS) * 1000;
const counters = Object.fromEntries(fs.readFileSync(snapFile, 'utf8').split('\n')
  .map((l) => l.split('=')).filter((kv) => kv.length === 2).map(([k, v]) => [k, Number(v)]));
const t = JSON.parse(fs.readFileSync(timelineFile, 'utf8'));
const ticks = counters['sun.os.hrt.frequency'];
const busy = (kind) => (t.busyByKind[kind] || { ms: 0 }).ms;
const otherKernelMs = Object.entries(t.busyByKind).filter(([k]) => k !== 'load' && k !== 'synth')
  .reduce((sum, [, b]) => sum + b.ms, 0);
const otherKinds = Object.entries(t.busyByKind).filter(([k]) => k !== 'load' && k !== 'synth')
  .sort((a, b) => b[1].ms - a[1].ms).map(([k, b]) => `${k} ${b.count}`).join(', ');

const lines = fs.readFileSync(classLog, 'utf8').split('\n').filter((l) => l.includes('source:'));
const count = (re) => lines.filter((l) => re.test(l)).length;
const bindings = count(/ (dev\.kvstores\.lean|com\.hashicorp\.cdktf\.providers)\./);
const cdktf = count(/ (com\.hashicorp\.cdktf|software\.constructs|software\.amazon\.jsii)\.(?!providers\.)/);
const ours = count(/ dev\.kvstores\.(?!lean\.)/);
const fromCds = count(/source: shared objects file/);

const total = end - start;
const rows = [
  ['launcher and JVM creation (sh, java, CDS archive mapped)', counters['sun.rt.createVmEndTime'] - start],
  ['JVM until the jsii kernel is spawned (main, environment files, first classes)',
    t.nodeStartedEpochMs - counters['sun.rt.createVmEndTime']],
  ['jsii kernel start (node and the kernel, until the first request)', t.firstRequestEpochMs - t.nodeStartedEpochMs],
  [`module loading in the kernel (load ${(t.busyByKind.load || { count: 0 }).count})`, busy('load')],
  [`object creation in the kernel (${otherKinds})`, otherKernelMs],
  ['JVM between kernel requests (constructs, marshaling, class loading)', t.waitingForJvmMs],
  ['synth in the kernel (app.synth: JSON, cdk.tf.json files)', busy('synth')],
  ['after synth: policy pack, reports, files moved, exit', end - t.lastSynthDoneEpochMs],
];
const accounted = rows.reduce((sum, [, ms]) => sum + ms, 0);
for (const [what, ms] of rows) {
  console.log(`| ${what} | ${(ms / 1000).toFixed(2)} | ${Math.round((100 * ms) / total)}% |`);
}
console.log(`| (not accounted: overlaps and gaps) | ${((total - accounted) / 1000).toFixed(2)} | ` +
  `${Math.round((100 * (total - accounted)) / total)}% |`);
console.log(`| **total (one run, timeline preloaded)** | **${(total / 1000).toFixed(2)}** | 100% |`);
console.log('');
const sec = (name) => (counters[name] / ticks).toFixed(2);
console.log(`Class loading, whole run (HotSpot counters): ${counters['java.cls.sharedLoadedClasses']} classes from the` +
  ` CDS archive (${sec('sun.cls.sharedClassLoadTime')} s) and ${counters['java.cls.loadedClasses']} others;` +
  ` the application class loader ${sec('sun.cls.appClassLoadTime')} s, linking ${sec('sun.cls.classLinkedTime')} s,` +
  ` opening jars ${sec('sun.zip.zipFile.openTime')} s; static initializers ${sec('sun.cls.classInitTime')} s, which` +
  ' include the kernel work they trigger (a binding class loads its jsii module when initialized). Of the' +
  ` classes loaded (second run, -Xlog:class+load): ${bindings} provider-binding classes, ${cdktf} of cdktf /` +
  ` constructs / jsii, ${ours} of kvstores; ${fromCds} of ${lines.length} from the CDS archive.`);
