// S3 Bucket Policy — MIT License.
/**
 * The access features of the packaged extension as a person uses them, in code-server through
 * Chromium: the CodeLens above a policy shows its one-line summary; clicking it opens *Explain
 * access*, a table in a webview whose statement links select the statement in the editor; *What
 * if…* from the command palette asks its four questions in quick picks and answers with the
 * decision, the deciding statement selected. Run by `npm run test:e2e` with the workbench tests.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../harness/codeServer.mjs';
import { accessWebview, answerWhatIf, codeLens, waitForSelection } from './access.mjs';
import { PACKAGED_VSIX, startSession } from './session.mjs';

const VSIX = process.env.S3POLICY_BROWSER_VSIX || PACKAGED_VSIX;
const FAILURE_DIR = path.join(REPO_ROOT, '.e2e', 'browser-failures');
const TEST_TIMEOUT_MS = 120_000;
const FILE = 'cross-account-read.bucket-policy.json';
const SUMMARY = 'Not public · Account 210987654321: list and read · HTTP: denied to everyone · Nobody outside the account can change permissions';

/** @type {import('./session.mjs').Session} */
let session;

function step(name, fn) {
  it(name, { timeout: TEST_TIMEOUT_MS }, async () => {
    try {
      await fn();
    } catch (error) {
      fs.mkdirSync(FAILURE_DIR, { recursive: true });
      const file = path.join(FAILURE_DIR, `access-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
      await session?.page.screenshot({ path: file }).then(() => console.log(`screenshot of the failure: ${path.relative(REPO_ROOT, file)}`), () => undefined);
      throw error;
    }
  });
}

/** The 1-based line and the length of a statement of FILE, found by its Sid. */
function statementOf(sid) {
  const text = session.workbench.readFile(FILE);
  const start = text.lastIndexOf('{', text.indexOf(`"Sid": "${sid}"`));
  let depth = 0;
  let end = start;
  do {
    depth += text[end] === '{' ? 1 : text[end] === '}' ? -1 : 0;
    end++;
  } while (depth > 0);
  // The status bar counts a selection's characters with a line break as one.
  return { line: text.slice(0, end).split('\n').length, length: end - start };
}

describe('access features of the packaged extension in code-server + Chromium', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  before(async () => {
    session = await startSession({ vsix: VSIX });
  }, { timeout: 3 * TEST_TIMEOUT_MS });

  after(async () => {
    await session?.close();
  });

  step('the CodeLens shows the summary line; clicking it opens Explain access, whose statement links select the statement', async () => {
    const { workbench: wb, page } = session;
    await wb.openFile(FILE);
    const lens = codeLens(wb, FILE, 'Not public');
    await lens.waitFor();
    assert.equal(await lens.innerText(), SUMMARY);
    await lens.click();
    const view = accessWebview(page);
    await view.locator('h1', { hasText: `Access: ${FILE}` }).waitFor();
    assert.equal(await view.locator('.line').innerText(), SUMMARY);
    const partner = view.locator('tbody tr', { hasText: 'Account 210987654321' });
    assert.deepEqual(await partner.locator('td').allInnerTexts(), ['Account 210987654321', 'anywhere', 'list and read', 'statement 0 (PartnerList)\nstatement 1 (PartnerRead)', 'HTTPS only; if its identity policies allow it too', 's3:GetObject\ns3:ListBucket']);
    await partner.locator('a.statement', { hasText: 'statement 1 (PartnerRead)' }).click();
    const { line, length } = statementOf('PartnerRead');
    await waitForSelection(page, line, length);
  });

  step('What if… asks for principal, action, resource and context keys, then shows the decision and selects the deciding statement', async () => {
    const { workbench: wb, page } = session;
    await wb.editor(FILE).locator('.view-line').first().click();
    await wb.runCommand('S3 Bucket Policy: What if…');
    await answerWhatIf(page, 'who makes the request?', '210987654321');
    await answerWhatIf(page, 'which action?', 's3:GetObject');
    await answerWhatIf(page, 'on which resource?', 'arn:aws:s3:::shared-datasets/example');
    await answerWhatIf(page, 'context keys', 'aws:SecureTransport=false', page.locator('.quick-input-list .monaco-list-row', { hasText: 'as typed' }));
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Denied explicitly' });
    await toast.waitFor();
    assert.match(await toast.innerText(), /Denied explicitly: 210987654321 → s3:GetObject on arn:aws:s3:::shared-datasets\/example\. Denied explicitly by statement 2 \(DenyInsecureTransport\)\./);
    const { line, length } = statementOf('DenyInsecureTransport');
    await waitForSelection(page, line, length);
    const view = accessWebview(page);
    await view.locator('.decision', { hasText: 'Denied explicitly by statement 2 (DenyInsecureTransport)' }).waitFor();
    assert.deepEqual(await view.locator('tbody tr td:nth-child(3)').allInnerTexts(), ['does not apply', 'applies', 'applies']);
  });
});
