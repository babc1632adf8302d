// S3 Bucket Policy — MIT License.
/**
 * `npm run screenshots`: regenerates the README's pictures in docs/images/ from the packaged extension
 * in code-server, driven through Chromium by the browser tests' helpers (test/browser). The workspace
 * is `examples/` plus website.bucket-policy.json (test/browser/fixtures), a policy with five findings.
 *
 *   node scripts/screenshots.mjs [--vsix FILE] [--out DIR]
 *
 * problems.png   squiggles in the editor and our findings, with rule ids, in the Problems panel
 * quick-fix.png  the Quick Fix menu (Ctrl+.) on the missing HTTPS-only deny
 * snippet.png    the whole-policy snippet just inserted in a new file, its first tab stop being filled
 * hover.png      the hover on a squiggle: the message, the rule id linking to its documentation
 * template.png   a CloudFormation template (YAML): the squiggle on its policy and the Quick Fix menu
 * terraform.png  a Terraform file (plain text, jsonencode): the same, with the finding in the Problems panel
 * access-summary.png  the CodeLens above a policy and Explain access's table beside it, a statement selected from its link
 * what-if.png    What if…'s answer: the deciding statement selected, the decision and how it was reached
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/harness/codeServer.mjs';
import { packageExtension, startSession } from '../test/browser/session.mjs';
import { IAC_FILES, IAC_FIXTURES } from '../test/browser/iacFiles.mjs';
import { SOURCE, waitFor } from '../test/browser/workbench.mjs';
import { accessWebview, answerWhatIf, codeLens } from '../test/browser/access.mjs';

const { values: args } = parseArgs({ options: { vsix: { type: 'string' }, out: { type: 'string', default: path.join(REPO_ROOT, 'docs', 'images') } } });

const SHOWCASE = 'website.bucket-policy.json';
const VIEWPORT = { width: 1280, height: 800 };

const vsix = args.vsix ? path.resolve(args.vsix) : packageExtension();
const session = await startSession({ vsix, extraFiles: [path.join(REPO_ROOT, 'test', 'browser', 'fixtures', SHOWCASE), ...IAC_FIXTURES], viewport: VIEWPORT });
const { workbench: wb, page } = session;
fs.mkdirSync(args.out, { recursive: true });

/** Saves the whole window as docs/images/<name>.png. */
async function shoot(name) {
  const file = path.join(args.out, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`${path.relative(REPO_ROOT, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
}

try {
  await wb.openFile(SHOWCASE);
  const findings = await wb.serverDiagnostics(SHOWCASE, (diagnostics) => diagnostics.length > 0);
  // Counted on screen rather than read with Workbench.problemRows, which moves the focus and the cursor.
  await wb.showProblems();
  const ourRows = page.locator('.markers-panel .monaco-list-row .marker-source', { hasText: SOURCE });
  await waitFor(async () => ((await ourRows.count()) === findings.length ? true : undefined), () => `our ${findings.length} findings in the Problems panel`);
  // Focus back in the editor, below the last line: the Problems panel draws its focused row highlighted.
  const editorBox = await wb.editor(SHOWCASE).boundingBox();
  await page.mouse.click(editorBox.x + editorBox.width / 2, editorBox.y + editorBox.height - 10);
  await page.mouse.move(0, 0);
  await shoot('problems');

  const atRule = async (ruleId) => {
    const { line, character } = findings.find((diagnostic) => diagnostic.code === ruleId).range.start;
    return wb.squiggleAt(SHOWCASE, line, character);
  };
  await wb.hover(await atRule('publicAccess'));
  await shoot('hover');
  await wb.dismissHover();

  await wb.openQuickFixMenu(await atRule('missingSecureTransportDeny'), 'Add a statement that denies requests over plain HTTP');
  await shoot('quick-fix');
  await page.keyboard.press('Escape');
  await page.locator('.action-widget').waitFor({ state: 'hidden' });

  await wb.closeAllEditors();
  const name = 'new.bucket-policy.json';
  await wb.newFile(name);
  await page.keyboard.type('s3policy-bucket-policy');
  await page.locator('.suggest-widget .monaco-list-row.focused[aria-label^="s3policy-bucket-policy,"]').waitFor();
  await page.keyboard.press('Enter');
  // The first tab stop, the bucket name, fills every ARN as it is typed; the account ID is still template text.
  await page.keyboard.type('media-archive');
  const left = await wb.serverDiagnostics(name, (diagnostics) => diagnostics.length > 0 && diagnostics.every((diagnostic) => diagnostic.code === 'placeholder'));
  await waitFor(async () => ((await ourRows.count()) === left.length ? true : undefined), () => `our ${left.length} findings on ${name} in the Problems panel`);
  await shoot('snippet');

  // Templates and Terraform: the policy's squiggle, the Problems panel, and Ctrl+. on the missing deny.
  for (const [picture, { file }] of [['template', IAC_FILES.template], ['terraform', IAC_FILES.terraform]]) {
    await wb.closeAllEditors();
    await wb.openFile(file);
    const published = await wb.serverDiagnostics(file, (diagnostics) => diagnostics.length > 0);
    await waitFor(async () => ((await ourRows.count()) === published.length ? true : undefined), () => `our ${published.length} findings on ${file} in the Problems panel`);
    const { line, character } = published.find((diagnostic) => diagnostic.code === 'missingSecureTransportDeny').range.start;
    await wb.openQuickFixMenu(await wb.squiggleAt(file, line, character), 'Add a statement that denies requests over plain HTTP');
    await shoot(picture);
    await page.keyboard.press('Escape');
    await page.locator('.action-widget').waitFor({ state: 'hidden' });
  }

  // The access features, on the partner-read example: the lens, the table, then a what-if over plain HTTP.
  const partner = 'cross-account-read.bucket-policy.json';
  await wb.closeAllEditors();
  await wb.openFile(partner);
  // Room for the editor and the table: no Problems panel, no side bar.
  await page.keyboard.press('Control+J');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+B');
  await page.locator('.explorer-folders-view').waitFor({ state: 'hidden' });
  await codeLens(wb, partner, 'Not public').click();
  const view = accessWebview(page);
  await view.locator('a.statement', { hasText: 'statement 1 (PartnerRead)' }).first().click();
  await page.locator('[id="status.editor.selection"]', { hasText: 'selected' }).waitFor();
  await page.mouse.move(0, 0);
  await shoot('access-summary');

  await wb.runCommand('S3 Bucket Policy: What if…');
  await answerWhatIf(page, 'who makes the request?', '210987654321');
  await answerWhatIf(page, 'which action?', 's3:GetObject');
  await answerWhatIf(page, 'on which resource?', 'arn:aws:s3:::shared-datasets/example');
  await answerWhatIf(page, 'context keys', 'aws:SecureTransport=false', page.locator('.quick-input-list .monaco-list-row', { hasText: 'as typed' }));
  await page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: 'Denied explicitly' }).waitFor();
  await accessWebview(page).locator('.decision', { hasText: 'Denied explicitly' }).waitFor();
  await page.mouse.move(0, 0);
  await shoot('what-if');
} finally {
  await session.close();
}
