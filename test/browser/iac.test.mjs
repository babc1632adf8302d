// S3 Bucket Policy — MIT License.
/**
 * Bucket policies inside a CloudFormation template (YAML) and a Terraform file (jsonencode), in the
 * packaged extension in code-server, driven through Chromium (issues 16 and 17): the squiggle on the
 * policy, the quick fix that adds the HTTPS-only deny written in the host's own syntax, Enter and
 * Ctrl+S, and the file on disk. code-server has no Terraform extension, so the .tf file is plain
 * text: the language client's file pattern for .tf, .tofu, .tftpl and .tpl is what sends it to our server.
 * Run with `npm run test:e2e` (test/browser/run.mjs packs the extension first).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../harness/codeServer.mjs';
import { IAC_FILES, IAC_FIXTURES } from './iacFiles.mjs';
import { PACKAGED_VSIX, startSession } from './session.mjs';

const VSIX = process.env.S3POLICY_BROWSER_VSIX || PACKAGED_VSIX;
const FAILURE_DIR = path.join(REPO_ROOT, '.e2e', 'browser-failures');
const TEST_TIMEOUT_MS = 120_000;
const FIX = 'Add a statement that denies requests over plain HTTP';

/** @type {import('./session.mjs').Session} */
let session;
/** @type {import('./workbench.mjs').Workbench} */
let wb;

function step(name, fn) {
  it(name, { timeout: TEST_TIMEOUT_MS }, async () => {
    try {
      await fn();
    } catch (error) {
      if (session) {
        fs.mkdirSync(FAILURE_DIR, { recursive: true });
        const file = path.join(FAILURE_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
        await session.page.screenshot({ path: file }).then(() => console.log(`screenshot of the failure: ${path.relative(REPO_ROOT, file)}`), () => undefined);
      }
      throw error;
    }
  });
}

/** The text a one-line range covers. */
function textAt(text, range) {
  assert.equal(range.start.line, range.end.line, 'a one-line range');
  return text.split('\n')[range.start.line].slice(range.start.character, range.end.character);
}

describe('templates and Terraform in the packaged extension in code-server + Chromium', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  before(async () => {
    session = await startSession({ vsix: VSIX, extraFiles: IAC_FIXTURES });
    wb = session.workbench;
  }, { timeout: 3 * TEST_TIMEOUT_MS });

  after(async () => {
    await session?.close();
  });

  for (const [kind, { file, languageMode, after: anchor, inserted }] of Object.entries(IAC_FILES)) {
    step(`${kind}: ${file} (${languageMode}) shows the squiggle on Statement; Ctrl+. → "${FIX}", Enter, Ctrl+S write the deny in the file's own syntax`, async () => {
      const original = wb.readFile(file);
      assert.ok(original.includes(anchor), 'the fixture has the line the deny goes after');
      await wb.closeAllEditors();
      await wb.openFile(file);
      assert.equal((await session.page.locator('[id="status.editor.mode"]').innerText()).trim(), languageMode, `${file} is open as ${languageMode}`);
      const published = await wb.serverDiagnostics(file, (diagnostics) => diagnostics.length > 0);
      const deny = published.find((diagnostic) => diagnostic.code === 'missingSecureTransportDeny');
      assert.ok(deny, `our server reports missingSecureTransportDeny in ${file}; it reported ${JSON.stringify(published.map((d) => d.code))}`);
      assert.equal(textAt(original, deny.range), 'Statement');
      const { line, character } = deny.range.start;
      const squiggle = await wb.squiggleAt(file, line, character);
      const drawn = (await wb.squiggles(file)).find((s) => s.line === line && s.start === character);
      assert.equal(drawn.end, deny.range.end.character, 'the squiggle covers Statement and nothing more');
      const entry = await wb.openQuickFixMenu(squiggle, FIX);
      assert.match(await entry.getAttribute('class'), /\bfocused\b/, 'our fix is the preferred one, focused when the menu opens');
      await session.page.keyboard.press('Enter');
      const left = await wb.serverDiagnostics(file, (diagnostics) => !diagnostics.some((diagnostic) => diagnostic.code === 'missingSecureTransportDeny'));
      assert.deepEqual(left.map((diagnostic) => diagnostic.code), published.filter((diagnostic) => diagnostic !== deny).map((diagnostic) => diagnostic.code), 'only that finding is gone');
      const expected = original.replace(anchor, `${anchor}${inserted}`);
      assert.equal(await wb.save(file, (text) => text === expected), expected, `${file} on disk`);
      // What the CLI makes of the saved file: the same, without the deny's finding.
      const cli = session.cli(['--format', 'json', file]);
      assert.ok(!cli.stdout.includes('missingSecureTransportDeny'), `s3-policy-lint ${file}: ${cli.stdout}${cli.stderr}`);
    });
  }
});
