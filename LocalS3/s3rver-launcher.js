'use strict';
// Starts s3rver (https://github.com/jamhall/s3rver) for the TrendingTv tests and benchmarks.
// Usage: node s3rver-launcher.js <path to node_modules/s3rver> <data directory>
// Binds 127.0.0.1 on a port the OS picks, prints one line {"port":N} once it listens, and stops when
// its stdin closes (so it never outlives the .NET process that started it) or on SIGTERM/SIGINT.

const [modulePath, directory] = process.argv.slice(2);
if (!modulePath || !directory) {
  process.stderr.write('usage: node s3rver-launcher.js <node_modules/s3rver> <data directory>\n');
  process.exit(2);
}

// s3rver encrypts ListObjectsV2 continuation tokens with DES; OpenSSL 3 has it only in the legacy
// provider, so without it every truncated listing fails with "internal error".
try {
  require('crypto').createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch (error) {
  process.stderr.write(
    `DES is unavailable (${error.message}); start node with --openssl-legacy-provider so s3rver can page listings.\n`,
  );
  process.exit(3);
}

const S3rver = require(modulePath);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: true,
  // Path-style requests only: the clients use ForcePathStyle against a loopback IP.
  vhostBuckets: false,
});

let stopping = false;
function stop(code) {
  if (stopping) {
    return;
  }
  stopping = true;
  const closed = server.close();
  // Clients keep connections alive; without this, close() waits for them to time out.
  if (server.httpServer && server.httpServer.closeAllConnections) {
    server.httpServer.closeAllConnections();
  }
  closed.then(
    () => process.exit(code),
    () => process.exit(code),
  );
}

server.run().then(
  address => {
    process.stdout.write(JSON.stringify({ port: address.port }) + '\n');
  },
  error => {
    process.stderr.write(`s3rver failed to start: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);

process.stdin.on('end', () => stop(0));
process.stdin.on('error', () => stop(0));
process.stdin.resume();
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
