// S3 Bucket Policy — MIT License.
/**
 * Driving the access features in the workbench, shared by the browser test (access.test.mjs) and
 * `npm run screenshots`: the CodeLens above a policy, the access webview (an iframe in an iframe),
 * the quick picks of *What if…*, the editor's selection as the status bar shows it.
 */
import { waitFor } from './workbench.mjs';

/** The CodeLens link of a file whose title starts with `prefix`. */
export function codeLens(wb, name, prefix) {
  return wb.editor(name).locator('.codelens-decoration a', { hasText: prefix });
}

/** The access webview's document (the page our extension wrote). */
export function accessWebview(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * The editor's selection as the status bar shows it: {line, column} of the cursor (1-based) and how
 * many characters are selected.
 */
export async function statusBarSelection(page) {
  const text = await page.locator('[id="status.editor.selection"]').innerText();
  const match = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  return match ? { line: Number(match[1]), column: Number(match[2]), selected: Number(match[3] ?? 0) } : undefined;
}

/** Waits until the status bar shows a selection of `length` characters starting on a line. */
export function waitForSelection(page, line, length) {
  let shown;
  return waitFor(async () => {
    shown = await statusBarSelection(page);
    return shown && shown.selected === length && shown.line === line ? shown : undefined;
  }, () => `a selection of ${length} characters ending on line ${line}; the status bar shows ${JSON.stringify(shown)}`);
}

/**
 * In the quick pick of *What if…* whose title holds `step`, types a value, waits until the list
 * shows the row it picks (`row`: the focused one of a single pick, the checked "as typed" one of the
 * context keys) and presses Enter.
 */
export async function answerWhatIf(page, step, value, row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: value })) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: step }).waitFor();
  await page.keyboard.type(value);
  await row.waitFor();
  await page.keyboard.press('Enter');
}
