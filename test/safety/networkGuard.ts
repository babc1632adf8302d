/* S3 Bucket Policy — MIT License. */
/**
 * Preloaded into the CLI and the language server (`node --require out/test/safety/networkGuard.js`)
 * by test/safety/noNetwork.test.ts: every way a Node.js program opens a network connection, looks up
 * a name or listens on a port is replaced by one that records the attempt (with its stack) in the
 * file named by S3POLICY_NETWORK_LOG and throws. An empty log after a run proves no attempt was made.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const logFile = process.env.S3POLICY_NETWORK_LOG;

function refuse(what: string): never {
  if (logFile) {
    fs.appendFileSync(logFile, `${what} (process ${process.pid}: ${process.argv.slice(1).join(' ')})\n${new Error().stack ?? ''}\n`);
  }
  throw new Error(`network access refused by the test guard: ${what}`);
}

/** Replaces `object[name]`, when it is a function, with one that refuses. */
function guard(object: object, name: string, what: string): void {
  if (typeof (object as Record<string, unknown>)[name] === 'function') {
    Object.defineProperty(object, name, { value: () => refuse(what), configurable: true, writable: true });
  }
}

guard(net.Socket.prototype, 'connect', 'net.Socket#connect');
guard(net.Server.prototype, 'listen', 'net.Server#listen');
for (const name of ['connect', 'createConnection']) {
  guard(net, name, `net.${name}`);
  guard(tls, name, `tls.${name}`);
}
guard(http2, 'connect', 'http2.connect');
for (const name of ['request', 'get']) {
  guard(http, name, `http.${name}`);
  guard(https, name, `https.${name}`);
}
guard(dgram, 'createSocket', 'dgram.createSocket');
for (const name of Object.keys(dns).filter((key) => key === 'lookup' || key === 'lookupService' || key.startsWith('resolve') || key === 'reverse')) {
  guard(dns, name, `dns.${name}`);
  guard(dns.promises, name, `dns.promises.${name}`);
}
guard(dns.Resolver.prototype, 'resolve', 'dns.Resolver#resolve');
guard(globalThis, 'fetch', 'fetch');
