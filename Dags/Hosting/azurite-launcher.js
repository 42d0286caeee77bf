'use strict';
// Runs Azurite (the npm package pinned in the repository's package.json) for TrendingTv's durable
// backend, and never lets it outlive the .NET process that started it.
// Usage: node azurite-launcher.js <path to node_modules/azurite> <data directory>
// Listens on 127.0.0.1, blob/queue/table ports picked by the OS; prints one line
// {"blob":N,"queue":N,"table":N} once all three listen. When its stdin closes (the parent exited,
// even by kill -9) it stops Azurite gracefully (Azurite saves its data) and exits. SIGINT and SIGTERM are
// ignored: a Ctrl-C or a stop signal sent to the whole process group must not take the state away from
// a parent that is still shutting down; the parent's exit is what stops Azurite.

const { spawn } = require('child_process');
const path = require('path');

const [modulePath, location] = process.argv.slice(2);
if (!modulePath || !location) {
  process.stderr.write('usage: node azurite-launcher.js <node_modules/azurite> <data directory>\n');
  process.exit(2);
}

const child = spawn(
  process.execPath,
  [
    path.join(modulePath, 'dist', 'src', 'azurite.js'),
    '--location', location,
    '--blobHost', '127.0.0.1', '--blobPort', '0',
    '--queueHost', '127.0.0.1', '--queuePort', '0',
    '--tableHost', '127.0.0.1', '--tablePort', '0',
    '--silent',
    '--skipApiVersionCheck',
    '--disableTelemetry',
  ],
  // Its own process group: a Ctrl-C or a signal to the parent's group does not reach it.
  { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
);

const ports = {};
let reported = false;
let buffered = '';
child.stdout.on('data', chunk => {
  buffered += chunk.toString();
  let newline;
  while ((newline = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, newline).trim();
    buffered = buffered.slice(newline + 1);
    const match = /Azurite (Blob|Queue|Table) service is successfully listening at http:\/\/[^:]+:(\d+)/.exec(line);
    if (match) {
      ports[match[1].toLowerCase()] = Number(match[2]);
    }
    if (!reported && ports.blob && ports.queue && ports.table) {
      reported = true;
      process.stdout.write(JSON.stringify(ports) + '\n');
    }
  }
});

let stopping = false;
function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  child.kill('SIGTERM');
  // Azurite closes its servers and saves its data; give it a few seconds, then make sure it is gone.
  setTimeout(() => child.kill('SIGKILL'), 10000).unref();
}

child.on('exit', (code, signal) => process.exit(stopping ? 0 : code === null ? 1 : code || (signal ? 1 : 0)));
child.on('error', error => {
  process.stderr.write(`Azurite could not start: ${error.message}\n`);
  process.exit(1);
});

process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});
