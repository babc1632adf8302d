// S3 Bucket Policy — MIT License.
// Measurements over LSP against the built server process (`server/out/server.js --stdio`): cold
// start to first diagnostics, didChange → publishDiagnostics latency, and RSS after many edits.
// The client is a minimal JSON-RPC framer written here, so its own cost stays negligible.
// The document is the 20 KB policy by default, or a template or Terraform file (bench/templates.mjs).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.mjs';
import { EDIT_PATTERNS } from './templates.mjs';

/** The policy document's URI and language; a template or Terraform file brings its own. */
const POLICY_DOCUMENT = { uri: 'file:///bench/bucket-policy.json', languageId: 'json' };

/** A language server process with a promise-based request API and a diagnostics listener. */
class ServerProcess {
  constructor(serverFile, nodeArgs = [], uri = POLICY_DOCUMENT.uri, env = {}) {
    this.uri = uri;
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [...nodeArgs, serverFile, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.nextId = 1;
    this.pending = new Map();
    this.diagnosticsWaiters = [];
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    this.child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        return;
      }
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))[1]);
      if (this.buffer.length < headerEnd + 4 + length) {
        return;
      }
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message, performance.now());
    }
  }

  dispatch(message, receivedAt) {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    } else if (message.id !== undefined) {
      // A request from the server: answer configuration with defaults, anything else with null.
      const result = message.method === 'workspace/configuration' ? message.params.items.map(() => ({})) : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.method === 'textDocument/publishDiagnostics') {
      this.diagnosticsWaiters = this.diagnosticsWaiters.filter((waiter) => !waiter(message.params, receivedAt));
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with [params, receivedAt] at the first publishDiagnostics for `version`, or rejects after `timeoutMs`. */
  diagnosticsFor(version, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms; server stderr: ${this.stderr}`)), timeoutMs);
      this.diagnosticsWaiters.push((params, receivedAt) => {
        if (params.uri !== this.uri || (params.version !== undefined && params.version !== version)) {
          return false;
        }
        clearTimeout(timer);
        resolve([params, receivedAt]);
        return true;
      });
    });
  }

  async initialize() {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { diagnosticDelay: 0 },
    });
    this.notify('initialized', {});
  }

  /** VmRSS of the server process, in bytes. */
  rss() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
  }

  async shutdown() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await this.exited;
  }
}

function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * An endless cycle of single-character edits on the policy, each tagged with what it leaves:
 * `valid` (the first letter of a Sid changes, or an earlier break is repaired), `semantic` (Effect "Allow"
 * becomes "Allox": valid syntax, a policy error) or `syntax` (in JSON a comma between members is
 * deleted; in YAML the colon after Effect; in HCL the `=` after Effect). `patterns` (EDIT_PATTERNS
 * of bench/templates.mjs) find the places. The cycle spreads over the statements so edits land all
 * through the document.
 */
function* editCycle(initialText, patterns) {
  let text = initialText;
  const apply = (offset, length, insert, kind) => {
    const change = { range: { start: positionAt(text, offset), end: positionAt(text, offset + length) }, text: insert };
    text = text.slice(0, offset) + insert + text.slice(offset + length);
    return { change, kind };
  };
  const offsets = (pattern) => [...text.matchAll(pattern)].map((match) => match.index + match[0].length);
  const sidOffsets = offsets(patterns.sid);
  const allowOffsets = offsets(patterns.allow);
  const commaOffsets = offsets(patterns.syntax);
  if (!sidOffsets.length || !allowOffsets.length || !commaOffsets.length) {
    throw new Error('the document has no place for one of the edits (a Sid, an Allow, a syntax break)');
  }
  for (let round = 0; ; round++) {
    const sid = sidOffsets[round % sidOffsets.length];
    yield apply(sid, 1, text[sid] === 'x' ? 'y' : 'x', 'valid');
    const allow = allowOffsets[round % allowOffsets.length];
    yield apply(allow, 1, 'x', 'semantic');
    yield apply(allow, 1, 'w', 'valid');
    // Only single-character edits before this character so far: its offset is unchanged.
    const comma = commaOffsets[(round * 7) % commaOffsets.length];
    const removed = text[comma];
    yield apply(comma, 1, '', 'syntax');
    yield apply(comma, 0, removed, 'valid');
  }
}

function summary(samples) {
  return { p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99), maxMs: Math.max(...samples), count: samples.length };
}

/** Spawn → initialize → didOpen → first publishDiagnostics, `times` times with fresh processes. */
async function coldStart(serverFile, text, times) {
  const samples = [];
  let diagnosticsCount;
  for (let run = 0; run < times; run++) {
    const server = new ServerProcess(serverFile);
    const first = server.diagnosticsFor(1);
    await server.initialize();
    server.notify('textDocument/didOpen', { textDocument: { ...POLICY_DOCUMENT, version: 1, text } });
    const [params, receivedAt] = await first;
    samples.push(receivedAt - server.spawnedAt);
    diagnosticsCount = params.diagnostics.length;
    await server.shutdown();
  }
  return { ...summary(samples), runs: times, diagnosticsOnOpen: diagnosticsCount };
}

/**
 * One server: open the document, `warmupEdits` edits, RSS, then `totalEdits` edits (the first
 * `latencyEdits` timed from the didChange write to its publishDiagnostics), RSS again.
 */
async function editSession(serverFile, text, { warmupEdits, latencyEdits, totalEdits, serverNodeArgs, serverEnv, document }) {
  const server = new ServerProcess(serverFile, serverNodeArgs, document.uri, serverEnv);
  await server.initialize();
  const opened = server.diagnosticsFor(1);
  server.notify('textDocument/didOpen', { textDocument: { uri: document.uri, languageId: document.languageId, version: 1, text } });
  await opened;
  const patterns = EDIT_PATTERNS[document.languageId];
  const edits = editCycle(text, patterns);
  let version = 1;
  const send = (change) => {
    version++;
    const published = server.diagnosticsFor(version);
    server.notify('textDocument/didChange', { textDocument: { uri: document.uri, version }, contentChanges: [change] });
    return published;
  };
  // Until the server has read the document (a Terraform file waits for the HCL parser to load), an
  // error in it publishes nothing: one is made and undone until it is reported, before any timing.
  const [firstAllow] = text.matchAll(patterns.allow);
  const start = positionAt(text, firstAllow.index + firstAllow[0].length);
  const range = { start, end: { line: start.line, character: start.character + 1 } };
  for (const deadline = performance.now() + 10_000; ;) {
    const [params] = await send({ range, text: 'x' });
    await send({ range, text: 'w' });
    if (params.diagnostics.length > 0) {
      break;
    }
    if (performance.now() > deadline) {
      throw new Error(`the server reported nothing on an error in ${document.uri} for 10 s: it does not read the document`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const edit = async () => {
    const { change, kind } = edits.next().value;
    const sentAt = performance.now();
    const [params, receivedAt] = await send(change);
    return { kind, ms: receivedAt - sentAt, diagnostics: params.diagnostics.length };
  };
  for (let index = 0; index < warmupEdits; index++) {
    await edit();
  }
  const rssAfterWarmup = server.rss();
  const timed = [];
  const rssSeries = [rssAfterWarmup];
  for (let index = 0; index < totalEdits; index++) {
    const result = await edit();
    if (index < latencyEdits) {
      timed.push(result);
    }
    if ((index + 1) % 100 === 0) {
      rssSeries.push(server.rss());
    }
  }
  const rssAfterEdits = server.rss();
  await server.shutdown();
  const byKind = {};
  for (const kind of ['valid', 'semantic', 'syntax']) {
    const ofKind = timed.filter((result) => result.kind === kind);
    byKind[kind] = { ...summary(ofKind.map((result) => result.ms)), diagnostics: [...new Set(ofKind.map((result) => result.diagnostics))] };
  }
  return {
    latency: { ...summary(timed.map((result) => result.ms)), byKind },
    memory: { warmupEdits, edits: totalEdits, rssAfterWarmupBytes: rssAfterWarmup, rssAfterEditsBytes: rssAfterEdits, growthBytes: rssAfterEdits - rssAfterWarmup, rssEvery100EditsBytes: rssSeries },
  };
}

/**
 * Every LSP figure, on the given document (the 20 KB policy), with the server bundle `serverFile`.
 * `serverNodeArgs` go to the node running the edit session's server, e.g. ['--cpu-prof'], and
 * `serverEnv` into its environment (the variables the extension's client sets).
 * `document` ({uri, languageId}) for another kind of document; `coldStarts` 0 skips the cold starts.
 */
export async function runLsp(text, { serverFile, coldStarts = 10, warmupEdits = 100, latencyEdits = 200, totalEdits = 1000, serverNodeArgs = [], serverEnv = {}, document = POLICY_DOCUMENT }) {
  if (!fs.existsSync(serverFile)) {
    throw new Error(`${serverFile} is missing: build first (node esbuild.mjs).`);
  }
  const cold = coldStarts > 0 ? await coldStart(serverFile, text, coldStarts) : undefined;
  const session = await editSession(serverFile, text, { warmupEdits, latencyEdits, totalEdits, serverNodeArgs, serverEnv, document });
  if (session.latency.byKind.semantic.diagnostics.includes(0)) {
    throw new Error(`an edit that makes a policy error in ${document.uri} got no diagnostics: the figures would not measure a lint`);
  }
  return { coldStart: cold, ...session };
}
