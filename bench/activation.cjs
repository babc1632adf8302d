// S3 Bucket Policy — MIT License.
// Measures the synchronous work of activating the extension, outside VS Code, in a fresh process:
//   node bench/activation.cjs <extension.js> <extension root (where server/out/server.js is)>
// A stand-in `vscode` module is put in the require cache: every top-level name of the API (read
// from @types/vscode) is a proxy whose every member is a callable, constructible stand-in, with the
// few concrete values the language client checks (its version, empty lists). Then it times what
// VS Code's extension host counts as activating the extension, which nothing else on its thread can
// run in the middle of: `require(extension.js)` (loadMs), the call of `activate(context)` until it
// returns (activateSyncMs), and until its result resolves (activateResolveMs: the microtasks
// activate() queued before, such as an `await import()`, run in that time). totalSyncMs is their sum,
// the figure of the 50 ms budget.
// Work the extension defers to a later turn of the event loop is not in totalSyncMs but still runs
// on the extension host's thread, so it is reported beside it: deferredLoads times each load of one
// of the extension's own files after activation (the language client bundle), and untilServerForkMs
// is the time from the end of activation to the fork of the server (the deferred work plus waits).
// The client's real `child_process.fork` of the server runs, so spawning the server is counted when
// activation does it; the forked process is recorded (with the node options the client gives it,
// which the LSP measurements reuse) and killed afterwards. Prints one JSON line.
'use strict';
const childProcess = require('node:child_process');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [extensionFile, extensionRootArgument] = process.argv.slice(2);
const extensionRoot = path.resolve(extensionRootArgument);

/** A value that is every function, class and namespace at once. */
function standIn(name) {
  const cache = new Map();
  const target = function standInFunction() {};
  return new Proxy(target, {
    get(_, property) {
      if (property === 'then') {
        return undefined;
      }
      if (property === Symbol.iterator) {
        return () => [][Symbol.iterator]();
      }
      if (property === Symbol.toPrimitive) {
        return () => '';
      }
      if (property === 'length') {
        return 0;
      }
      if (typeof property === 'symbol') {
        return undefined;
      }
      if (!cache.has(property)) {
        cache.set(property, standIn(`${name}.${property}`));
      }
      return cache.get(property);
    },
    set(_, property, value) {
      cache.set(property, value);
      return true;
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}()`),
  });
}

/** The top-level names of the `vscode` API, read from @types/vscode, each a stand-in. */
function vscodeModule() {
  const typings = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const api = {};
  for (const match of typings.matchAll(/^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm)) {
    api[match[1]] = standIn(`vscode.${match[1]}`);
  }
  return api;
}

const vscode = vscodeModule();
vscode.version = '1.91.0';
vscode.workspace.workspaceFolders = undefined;
vscode.workspace.textDocuments = [];
vscode.window.visibleTextEditors = [];
vscode.env.language = 'en';

const FAKE_VSCODE = path.join(__dirname, 'vscode-stand-in.js');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  return request === 'vscode' ? FAKE_VSCODE : resolveFilename.call(this, request, ...rest);
};
const fakeModule = new Module(FAKE_VSCODE);
fakeModule.filename = FAKE_VSCODE;
fakeModule.loaded = true;
fakeModule.exports = vscode;
require.cache[FAKE_VSCODE] = fakeModule;

const spawned = [];
for (const name of ['fork', 'spawn']) {
  const original = childProcess[name];
  childProcess[name] = function recorded(...args) {
    const child = original.apply(this, args);
    const options = args.find((arg) => arg && typeof arg === 'object' && !Array.isArray(arg)) ?? {};
    // The variables the client sets for the server beyond its own environment (vscode-languageclient adds ELECTRON_* for Electron).
    const env = Object.fromEntries(Object.entries(options.env ?? {}).filter(([key, value]) => process.env[key] !== value && !key.startsWith('ELECTRON_')));
    spawned.push({ call: name, module: path.relative(extensionRoot, String(args[0])), execArgv: options.execArgv ?? [], env, atMs: performance.now(), child });
    return child;
  };
}

// Each load of a file of the extension after activation, timed (loads it makes in turn included).
const deferredLoads = [];
let activationOver = false;
let loading = 0;
const load = Module._load;
Module._load = function timedLoad(request, parent, ...rest) {
  let filename;
  try {
    filename = activationOver && loading === 0 ? Module._resolveFilename(request, parent) : undefined;
  } catch {
    filename = undefined;
  }
  if (filename === undefined || !filename.startsWith(`${extensionRoot}${path.sep}`) || require.cache[filename]) {
    return load.call(this, request, parent, ...rest);
  }
  const start = performance.now();
  loading++;
  try {
    return load.call(this, request, parent, ...rest);
  } finally {
    loading--;
    deferredLoads.push({ file: path.relative(extensionRoot, filename), ms: performance.now() - start });
  }
};

const context = {
  subscriptions: [],
  extensionPath: extensionRoot,
  extensionUri: vscode.Uri.file(extensionRoot),
  asAbsolutePath: (relative) => path.join(extensionRoot, relative),
  globalState: standIn('globalState'),
  workspaceState: standIn('workspaceState'),
  environmentVariableCollection: standIn('environmentVariableCollection'),
  extensionMode: 1,
  logUri: vscode.Uri.file(path.join(extensionRoot, '.log')),
  storageUri: undefined,
  globalStorageUri: vscode.Uri.file(path.join(extensionRoot, '.storage')),
};

const loadStart = performance.now();
const extension = require(path.resolve(extensionFile));
const loadEnd = performance.now();
let api;
let error;
try {
  api = extension.activate(context);
} catch (thrown) {
  error = thrown instanceof Error ? thrown.message : String(thrown);
}
const activateEnd = performance.now();
Promise.resolve(api?.ready).catch(() => undefined);
let activationEnd;
// As the extension host does: activation ends when what activate() returned resolves.
const endActivation = () => {
  activationEnd = performance.now();
  activationOver = true;
  waitForFork();
};
Promise.resolve(api).then(endActivation, endActivation);

// Let the asynchronous start run until the server is forked (or 5 s), so a fork done after the
// first await is seen too, with the node options the client gives the server.
function waitForFork() {
  if (spawned.length === 0 && performance.now() - activationEnd < 5000) {
    setTimeout(waitForFork, 20);
    return;
  }
  const result = {
    loadMs: loadEnd - loadStart,
    activateSyncMs: activateEnd - loadEnd,
    activateResolveMs: activationEnd - activateEnd,
    totalSyncMs: activationEnd - loadStart,
    activateThrew: error,
    returnedApi: api !== undefined && typeof api === 'object',
    subscriptions: context.subscriptions.length,
    deferredLoads,
    untilServerForkMs: spawned.length > 0 ? spawned[0].atMs - activationEnd : undefined,
    spawnedServer: spawned.map(({ call, module, atMs }) => `${call} ${module} (${atMs <= activationEnd ? 'during' : 'after'} activation)`),
    serverExecArgv: spawned[0]?.execArgv ?? [],
    serverEnv: spawned[0]?.env ?? {},
  };
  for (const { child } of spawned) {
    child.kill();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
