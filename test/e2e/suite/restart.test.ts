/* S3 Bucket Policy — MIT License. */
/**
 * If the language server process dies, vscode-languageclient's default error handler starts it
 * again (up to 4 restarts; a fifth crash within 3 minutes leaves it stopped), and diagnostics come
 * back. Kills the server this extension host started, found through /proc (Linux), by its id.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionReady, openCopy, rangeOf, ruleOf, SEED_POLICY, waitForDiagnostics } from './helpers';

/** The ids of the processes this extension host started from the extension's server/out/server.js. */
function serverProcessIds(): number[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const serverModule = path.join(extension.extensionPath, 'server', 'out', 'server.js');
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((entry) => {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      return parent === process.pid && command.includes(serverModule) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

describe('language server recovery', () => {
  it('restarts a language server that died, and diagnostics come back', async function () {
    if (process.platform !== 'linux') {
      this.skip();
    }
    await extensionReady();
    const document = await openCopy(SEED_POLICY, 'restart.bucket-policy.json');
    await waitForDiagnostics(document.uri, (ours) => ours.length > 0, 'diagnostics before the crash');
    const [crashed] = serverProcessIds();
    assert.ok(crashed, 'no language server process found');
    process.kill(crashed, 'SIGKILL');

    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, rangeOf(document, '"Allow"'), '"allow"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, (ours) => ours.some((diagnostic) => ruleOf(diagnostic) === 'invalidEffect'), 'diagnostics from the restarted server');
    const restarted = serverProcessIds();
    assert.equal(restarted.length, 1, `servers running: ${restarted.join(', ')}`);
    assert.notEqual(restarted[0], crashed);
  });
});
