// S3 Bucket Policy — MIT License.
/**
 * `npm run demo`: try the extension in a browser, no VS Code needed. Packs the extension
 * (`npm run package`), installs the .vsix into a fresh code-server on 127.0.0.1 with a copy of
 * `examples/` as the workspace, prints the URL and stays up until Ctrl+C, which stops code-server
 * and everything it started and deletes the copy.
 *
 *   node scripts/demo.mjs [--vsix FILE]
 *
 * Needs code-server 4.100.x: the one `.ci/run` installs into tools/, or yours in $CODE_SERVER.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer } from '../test/harness/codeServer.mjs';
import { EXAMPLES_DIR, packageExtension } from '../test/browser/session.mjs';

const { values: args } = parseArgs({ options: { vsix: { type: 'string' } } });

/** The example opened first: its squiggle and quick fix are the extension in one look. */
const FIRST_FILE = 'missing-https-deny.bucket-policy.json';

if (!args.vsix) {
  console.log('Packing the extension (npm run package)...');
}
const vsix = args.vsix ? path.resolve(args.vsix) : packageExtension();
const server = await startCodeServer({ vsix, workspace: EXAMPLES_DIR, openFile: FIRST_FILE });

// Ctrl+C stops code-server gracefully (the harness's own handlers would kill it at once); a second Ctrl+C does not wait.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    console.log('\nStopping code-server...');
    server.stop().then(() => {
      console.log('Stopped; the workspace copy is deleted.');
      process.exit(0);
    }, (error) => {
      console.log(`Could not stop code-server cleanly: ${error}`);
      process.exit(1);
    });
  });
}

console.log(`
S3 Bucket Policy demo: code-server with ${path.basename(vsix)} installed, the example policies as the workspace.

  Open ${server.url}

Each example shows one finding or one clean pattern. Try: hover a squiggle, Ctrl+. for a quick fix,
type s3policy- in a new *.bucket-policy.json file for the snippets. Changes go to a temporary copy.
Press Ctrl+C to stop.`);
