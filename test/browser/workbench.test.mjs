// S3 Bucket Policy — MIT License.
/**
 * The packaged extension as a person uses it: the .vsix installed into a fresh code-server, Chromium
 * driven with the mouse and the keyboard, on a workspace of the example policies. Run it with
 * `npm run test:e2e` (test/browser/run.mjs packs the extension first); the tests share one session
 * and run in order (the quick fixes change the examples they fix).
 *
 * What the tests compare against: the packaged CLI (same .vsix, same rules) for the findings of each
 * example, the files on disk after Ctrl+S, and our server's own published diagnostics, read from the
 * output channel's message trace, for "nothing from us" (a positive signal rather than a wait).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../harness/codeServer.mjs';
import { EXAMPLES_DIR, PACKAGED_VSIX, startSession } from './session.mjs';
import { describeRow, logEntries, SOURCE, waitFor } from './workbench.mjs';

/** The .vsix under test: run.mjs passes the one it packed. */
const VSIX = process.env.S3POLICY_BROWSER_VSIX || PACKAGED_VSIX;

/** Screenshots of failed tests go here (gitignored). */
const FAILURE_DIR = path.join(REPO_ROOT, '.e2e', 'browser-failures');

const TEST_TIMEOUT_MS = 120_000;

/** LSP severities as the editor names them. */
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The three named problems: the example, the token the squiggle must be under, the quick fix and the file it must leave. */
const NAMED_PROBLEMS = [
  {
    file: 'missing-https-deny.bucket-policy.json',
    ruleId: 'missingSecureTransportDeny',
    token: '"Statement"',
    fix: 'Add a statement that denies requests over plain HTTP',
    fixed: () => `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PartnerRead",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::210987654321:root" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::media-uploads/*"
    },
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": [
        "arn:aws:s3:::media-uploads",
        "arn:aws:s3:::media-uploads/*"
      ],
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        }
      }
    }
  ]
}
`,
  },
  {
    file: 'invalid-version.bucket-policy.json',
    ruleId: 'invalidVersion',
    token: '"2012 - 10 - 17"',
    fix: 'Change Version to "2012-10-17"',
    fixed: (original) => original.replace('"2012 - 10 - 17"', '"2012-10-17"'),
  },
  {
    file: 'uppercase-action-prefix.bucket-policy.json',
    ruleId: 'actionPrefixCase',
    token: 'S3:',
    fix: 'Change to "s3:PutObject"',
    fixed: (original) => original.replace('"S3:PutObject"', '"s3:PutObject"'),
  },
];

/** What the whole-policy snippet's tab stops are filled with; the action keeps the snippet's default. */
const SNIPPET_VALUES = { bucket: 'media-archive', account: '210987654321', sid: 'PartnerRead', action: 's3:GetObject' };

const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith('.json')).sort();

/** @type {import('./session.mjs').Session} */
let session;
/** @type {import('./workbench.mjs').Workbench} */
let wb;

/** A test that saves a screenshot of the workbench when it fails. */
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

/** The packaged CLI's findings for a workspace file, as LSP-like diagnostics with `code` = rule id. */
function cliFindings(name) {
  const result = session.cli(['--format', 'json', name]);
  assert.ok(result.status === 0 || result.status === 1, `s3-policy-lint ${name} exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout).flatMap((file) => file.diagnostics);
}

/** A diagnostic as a comparable string: rule, 1-based position, message. */
const finding = (code, line, column, message) => `${code} ${line}:${column} ${message}`;

/** The text a range covers in a file. */
function textAt(text, range) {
  const lines = text.split('\n');
  assert.equal(range.start.line, range.end.line, 'a one-line range');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

/** Opens a file alone (every other editor closed) and resolves with our server's diagnostics for it. */
async function openAlone(name) {
  await wb.closeAllEditors();
  await wb.openFile(name);
  return wb.serverDiagnostics(name);
}

/** Rows of the Problems panel for one file. */
const rowsOf = (rows, name) => rows.filter((row) => row.file === name);
const ours = (rows) => rows.filter((row) => row.source === SOURCE);

describe('the packaged extension in code-server + Chromium', { timeout: 15 * TEST_TIMEOUT_MS }, () => {
  before(async () => {
    console.log(`testing ${path.basename(VSIX)} (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KB) in code-server; workspace: examples/ and a package.json`);
    session = await startSession({ vsix: VSIX });
    wb = session.workbench;
  }, { timeout: 3 * TEST_TIMEOUT_MS });

  after(async () => {
    await session?.close();
  });

  step('each example shows in the Problems panel exactly what the CLI reports, each finding once, with its rule id, and the status bar counts them', async () => {
    for (const name of EXAMPLES) {
      const published = await openAlone(name);
      const expected = cliFindings(name).filter((diagnostic) => diagnostic.code !== 'jsonSyntax')
        .map((d) => finding(d.code, d.range.start.line + 1, d.range.start.character + 1, d.message)).sort();
      assert.deepEqual(published.map((d) => finding(d.code, d.range.start.line + 1, d.range.start.character + 1, d.message)).sort(), expected,
        `${name}: the editor's findings are the CLI's`);
      const rows = await wb.waitForProblemRows((all) => ours(rowsOf(all, name)).length === expected.length && rowsOf(all, name).length === all.length,
        `${expected.length} rows of ours for ${name}`);
      assert.deepEqual(ours(rows).map((row) => finding(row.code, row.line, row.column, row.message)).sort(), expected, `${name}: the Problems panel rows`);
      const tally = { error: 0, warning: 0, info: 0 };
      rows.forEach((row) => tally[row.severity]++);
      assert.deepEqual(await wb.statusBarCounts(), tally, `${name}: the status bar counts the Problems panel's rows`);
    }
  });

  step('the squiggle of each named problem is under the exact token, and hovering it shows the message and the rule id', async () => {
    for (const problem of NAMED_PROBLEMS) {
      const published = await openAlone(problem.file);
      const diagnostic = published.find((d) => d.code === problem.ruleId);
      assert.ok(diagnostic, `${problem.file}: our server reports ${problem.ruleId}; it reported ${JSON.stringify(published.map((d) => d.code))}`);
      assert.equal(textAt(wb.readFile(problem.file), diagnostic.range), problem.token);
      const { line, character } = diagnostic.range.start;
      const squiggle = await wb.squiggleAt(problem.file, line, character);
      const drawn = (await wb.squiggles(problem.file)).find((s) => s.line === line && s.start === character);
      assert.deepEqual(drawn, { severity: SEVERITY[diagnostic.severity], line, start: character, end: diagnostic.range.end.character },
        `${problem.file}: the squiggle covers ${problem.token} and nothing more`);
      const hover = await wb.hover(squiggle);
      assert.ok(hover.includes(diagnostic.message), `${problem.file}: the hover shows the message; it shows ${JSON.stringify(hover)}`);
      assert.ok(hover.includes(problem.ruleId), `${problem.file}: the hover shows the rule id`);
      await wb.dismissHover();
    }
  });

  step('s3Policy.lint.actionPrefixCase set to off in the Settings UI removes its squiggle without a reload; back at its default, the squiggle returns', async () => {
    const { file, ruleId } = NAMED_PROBLEMS[2];
    const published = await openAlone(file);
    const { line, character } = published.find((d) => d.code === ruleId).range.start;
    await wb.squiggleAt(file, line, character);
    await session.page.evaluate(() => {
      globalThis.s3PolicyNoReload = true;
    });
    const hasRule = (rows) => rowsOf(rows, file).some((row) => row.code === ruleId);

    await session.page.keyboard.press('Control+Comma');
    await session.page.locator('.settings-editor .suggest-input-container .monaco-editor textarea').waitFor();
    await session.page.keyboard.type(`s3Policy.lint.${ruleId}`);
    const key = `s3Policy.lint.${ruleId}`;
    const select = session.page.locator(`.settings-editor .setting-item-contents[data-key="${key}"] select`);
    const settings = () => JSON.parse(fs.readFileSync(session.server.userSettingsPath, 'utf8'));
    /** The user settings.json as far as it is written (it may be missing, or half-written mid-save). */
    const writtenValue = () => {
      try {
        return { value: settings()[key] };
      } catch {
        return undefined;
      }
    };
    // The Settings UI can redraw the row while a choice is made and show the old value again: the
    // choice is made again until the user settings.json holds it.
    const choose = (value, written) => waitFor(async () => {
      if (writtenValue() && writtenValue().value === written) {
        return true;
      }
      await wb.chooseInSelect(select, value);
      return undefined;
    }, () => `the user settings.json to hold ${JSON.stringify(written)} for ${key} (it holds ${JSON.stringify(writtenValue()?.value)})`);
    await choose('off', 'off');
    await wb.waitForProblemRows((rows) => !hasRule(rows), `${ruleId} to leave the Problems panel`);
    await wb.tab(file).click();
    await wb.editor(file).locator('.view-line').first().waitFor();
    assert.deepEqual((await wb.squiggles(file)).filter((s) => s.line === line && s.start === character), [], 'the squiggle is gone');
    assert.equal(settings()[key], 'off', 'the Settings UI wrote the user settings.json');

    await wb.tab('Settings').click();
    await choose('information', undefined);
    await wb.waitForProblemRows(hasRule, `${ruleId} to come back at its default severity`);
    await wb.tab(file).click();
    await wb.squiggleAt(file, line, character);
    assert.equal(settings()[key], undefined, 'the default value leaves the user settings.json');
    assert.equal(await session.page.evaluate(() => globalThis.s3PolicyNoReload), true, 'the page was not reloaded');
  });

  for (const problem of NAMED_PROBLEMS) {
    step(`Ctrl+. on ${problem.ruleId} in ${problem.file} offers "${problem.fix}"; Enter and Ctrl+S write the fixed policy to disk`, async () => {
      const original = wb.readFile(problem.file);
      const published = await openAlone(problem.file);
      const { line, character } = published.find((d) => d.code === problem.ruleId).range.start;
      const entry = await wb.openQuickFixMenu(await wb.squiggleAt(problem.file, line, character), problem.fix);
      assert.match(await entry.getAttribute('class'), /\bfocused\b/, 'our fix is the preferred one, focused when the menu opens');
      await session.page.keyboard.press('Enter');
      assert.deepEqual(await wb.serverDiagnostics(problem.file, (diagnostics) => diagnostics.length === 0), [], `${problem.file}: nothing left from us`);
      const expected = problem.fixed(original);
      assert.equal(await wb.save(problem.file, (text) => text === expected), expected, `${problem.file} on disk`);
      await wb.waitForProblemRows((rows) => rowsOf(rows, problem.file).length === 0, `no problems for ${problem.file}`);
    });
  }

  step('typing each s3policy- prefix in a new file offers that snippet', async () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(session.extensionDir, 'snippets', 's3-bucket-policy.json'), 'utf8'));
    const prefixes = Object.values(snippets).map((snippet) => snippet.prefix);
    assert.ok(prefixes.length >= 6, `the packaged snippets: ${prefixes.join(', ')}`);
    await wb.closeAllEditors();
    await wb.newFile('prefixes.bucket-policy.json');
    for (const prefix of prefixes) {
      await session.page.keyboard.type(prefix);
      await session.page.locator(`.suggest-widget .monaco-list-row.focused[aria-label^="${prefix},"]`).waitFor();
      await session.page.keyboard.press('Escape');
      await session.page.locator('.suggest-widget').waitFor({ state: 'hidden' });
      await session.page.keyboard.press('Control+A');
      await session.page.keyboard.press('Backspace');
    }
    await wb.runCommand('File: Revert File');
    await wb.tab('prefixes.bucket-policy.json').and(session.page.locator('.tab:not(.dirty)')).waitFor();
  });

  step('the whole-policy snippet in new.bucket-policy.json, its tab stops filled, saves a policy with no findings from us', async () => {
    const name = 'new.bucket-policy.json';
    await wb.closeAllEditors();
    await wb.newFile(name);
    await session.page.keyboard.type('s3policy-bucket-policy');
    await session.page.locator('.suggest-widget .monaco-list-row.focused[aria-label^="s3policy-bucket-policy,"]').waitFor();
    await session.page.keyboard.press('Enter');
    await wb.serverDiagnostics(name, (diagnostics) => diagnostics.length > 0);
    // Tab stops in order: the bucket (in every ARN), the account, the Sid; the action keeps its default.
    // Typing in a string asks for completions (quick suggestions): our list (the ARNs of the bucket
    // being typed) may stay open, or open only after the last key, when the answer comes back, and
    // Tab would then accept its preselected item instead of moving on (on a busy machine it did). So,
    // like a person who looks before pressing Tab, the test opens the list at the typed value
    // (Ctrl+Space), waits for it and closes it (Escape): no list is open or on its way at Tab.
    for (const value of [SNIPPET_VALUES.bucket, SNIPPET_VALUES.account, SNIPPET_VALUES.sid, '']) {
      if (value) {
        await session.page.keyboard.type(value);
        await session.page.keyboard.press('Control+Space');
        await session.page.locator('.suggest-widget.visible').waitFor();
        await session.page.keyboard.press('Escape');
      }
      await session.page.locator('.suggest-widget').waitFor({ state: 'hidden' });
      await session.page.keyboard.press('Tab');
    }
    const saved = await wb.save(name, (text) => text.trim().endsWith('}'));
    const { bucket, account, sid, action } = SNIPPET_VALUES;
    assert.deepEqual(JSON.parse(saved), {
      Version: '2012-10-17',
      Statement: [
        { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: action, Resource: `arn:aws:s3:::${bucket}/*` },
        {
          Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    assert.deepEqual(await wb.serverDiagnostics(name), [], 'our server reports nothing');
    await wb.waitForProblemRows((rows) => rowsOf(rows, name).length === 0, `no problems for ${name}`);
    assert.deepEqual(cliFindings(name), [], 'the CLI reports nothing');
  });

  step('package.json, which is not a policy, gets nothing from us', async () => {
    assert.deepEqual(await openAlone('package.json'), [], 'our server publishes no diagnostics for it');
    const rows = rowsOf(await wb.problemRows(), 'package.json');
    assert.deepEqual(ours(rows).map(describeRow), [], 'no rows of ours');
    assert.equal((await wb.squiggles('package.json')).length, rows.length, 'no squiggles besides VS Code\'s own');
  });

  step('no problem appears twice: ours next to VS Code\'s JSON validation', async () => {
    // Our rules whose problems VS Code's JSON validation can also report; the others say what the policy means.
    const SAID_BY_VS_CODE_TOO = new Set(['jsonSyntax', 'smartQuotes', 'duplicateKey', 'invalidType']);
    const samePlace = (a, b) => a.line === b.line && a.column === b.column;
    const checkNoDuplicates = (rows) => {
      const keys = rows.map((row) => `${row.source}(${row.code}) ${row.line}:${row.column} ${row.message}`);
      assert.deepEqual(keys.filter((key, index) => keys.indexOf(key) !== index), [], 'a row shown twice');
      for (const row of ours(rows)) {
        assert.notEqual(row.code, 'jsonSyntax', `ours repeats a JSON syntax error VS Code reports: ${describeRow(row)}`);
        // A typographic quote is a syntax error for VS Code too; ours says what it is and offers the fix.
        // What the pasted policy means once repaired (no HTTPS-only deny, on the key "Statement") is another problem, which may start where VS Code's does.
        const theirs = rows.filter((other) => other.source !== SOURCE && samePlace(other, row));
        assert.ok(theirs.length === 0 || row.code === 'smartQuotes' || !SAID_BY_VS_CODE_TOO.has(row.code), `two rows for one problem: ${describeRow(row)} and ${theirs.map(describeRow).join(', ')}`);
      }
    };

    const smartQuotes = 'smart-quotes.bucket-policy.json';
    const expected = (await openAlone(smartQuotes)).length;
    checkNoDuplicates(await wb.waitForProblemRows((rows) => ours(rows).length === expected && rows.some((row) => row.source === 'json'),
      `VS Code's and our rows for ${smartQuotes}`));

    // A syntax error typed into a clean policy: a trailing comma after the last member of a statement.
    const clean = 'https-only.bucket-policy.json';
    assert.deepEqual(await openAlone(clean), []);
    const lines = wb.readFile(clean).split('\n');
    const lastMember = lines.findIndex((text, index) => /^\s*"Resource": ".*"$/.test(text) && /^\s*}/.test(lines[index + 1]));
    await wb.goTo(lastMember + 1, lines[lastMember].length + 1);
    await session.page.keyboard.type(',');
    const rows = await wb.waitForProblemRows((all) => all.some((row) => row.source === 'json' && row.line === lastMember + 1), 'VS Code\'s trailing-comma error');
    assert.deepEqual(await wb.serverDiagnostics(clean), [], 'we leave the syntax error to VS Code');
    checkNoDuplicates(rows);
    await session.page.keyboard.press('Control+Z');
    await wb.tab(clean).and(session.page.locator('.tab:not(.dirty)')).waitFor();
  });

  step('the output channel "S3 Bucket Policy" shows no errors, nor do the extension host\'s log and the browser console about us', () => {
    const text = wb.outputChannelText();
    assert.ok(text.includes('publishDiagnostics'), 'the channel holds the session\'s message trace');
    assert.deepEqual(text.split('\n').filter((line) => /\[error\]/i.test(line)), [], 'errors in the output channel');
    const aboutUs = (entry) => /s3-bucket-policy|S3 Bucket Policy/i.test(entry);
    const hostErrors = logEntries(wb.extensionHostLog()).filter((entry) => /^\S+ \S+ \[error\]/.test(entry));
    assert.deepEqual(hostErrors.filter(aboutUs), [], 'errors about us in the extension host log');
    assert.deepEqual(session.consoleErrors.filter(aboutUs), [], 'errors about us in the browser console');
  });
});
