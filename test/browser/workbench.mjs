// S3 Bucket Policy — MIT License.
/**
 * Drives the VS Code workbench in Chromium the way a person does (explorer clicks, keyboard shortcuts,
 * the mouse on a squiggle) and reads back what a person sees: squiggles, hovers, the Problems panel,
 * the status bar. Selectors and gotchas: E2E.md (click raw coordinates in the editor, use the keyboard
 * in the Quick Fix menu, read results from disk). Every wait is on a selector or a condition.
 *
 * It also reads the extension's output channel, "S3 Bucket Policy", from its log file: with the
 * channel's log level at Trace (`enableServerTrace`) the channel holds the language client's message
 * trace, which says when our server has published diagnostics for a document, including none.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The `source` of our diagnostics. */
export const SOURCE = 's3-bucket-policy';

/** The name of the extension's output channel. */
export const OUTPUT_CHANNEL = 'S3 Bucket Policy';

/** How long a condition on the language server (diagnostics, trace entries) may take. */
const SERVER_WAIT_MS = 30_000;

/**
 * @typedef {object} Squiggle what the editor draws, in the file's coordinates (0-based, like LSP ranges)
 * @property {'error'|'warning'|'info'|'hint'} severity
 * @property {number} line
 * @property {number} start first character under the squiggle
 * @property {number} end the character after the last one under it
 */

/**
 * @typedef {object} ProblemRow one problem row of the Problems panel
 * @property {string} file the file row it sits under
 * @property {'error'|'warning'|'info'} severity
 * @property {string} message
 * @property {string} source
 * @property {string} code the rule id for ours ('' when the row shows none)
 * @property {number} line 1-based, as shown ("[Ln 8, Col 19]")
 * @property {number} column 1-based, as shown
 */

/**
 * @typedef {object} TraceEntry one entry of the language client's message trace
 * @property {string} message e.g. "Received notification 'textDocument/publishDiagnostics'."
 * @property {any} params the JSON after "Params:", when there is one
 */

/**
 * Resolves once `check()` returns a value other than undefined; polls every 100 ms and rejects after
 * `timeoutMs` with `describe()` (what was seen last) in the message.
 * @template T
 * @param {() => T | undefined | Promise<T | undefined>} check
 * @param {() => string} describe
 * @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
export async function waitFor(check, describe, timeoutMs = SERVER_WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A workbench page of one code-server run. */
export class Workbench {
  /**
   * @param {import('playwright-core').Page} page
   * @param {import('../harness/codeServer.mjs').CodeServer} server
   */
  constructor(page, server) {
    this.page = page;
    this.server = server;
  }

  /** Opens the workbench on the run's workspace and waits until the explorer lists its files. */
  async load() {
    await this.page.goto(this.server.url);
    await this.page.locator('.monaco-workbench').waitFor();
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  }

  /** The absolute path of a workspace file. */
  pathOf(name) {
    return path.join(this.server.workspaceDir, name);
  }

  /** The `file://` URI our language server sees for a workspace file. */
  uriOf(name) {
    return `file://${this.pathOf(name).split(path.sep).map(encodeURIComponent).join('/')}`;
  }

  /** The text of a workspace file on disk. */
  readFile(name) {
    return fs.readFileSync(this.pathOf(name), 'utf8');
  }

  /** The editor of a file (there is one editor group). */
  editor(name) {
    return this.page.locator(`.editor-instance .monaco-editor[data-uri$="/${name}"]`);
  }

  /** The editor tab of a file, or of another editor by its label ("Settings"). */
  tab(name) {
    return this.page.locator(`.tabs-container .tab:is([data-resource-name="${name}"], [aria-label="${name}"])`);
  }

  /** Clicks the file in the explorer and waits for its editor. */
  async openFile(name) {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }).click();
    await this.editor(name).waitFor();
    return this.editor(name);
  }

  /** Creates a file at the top of the workspace with the explorer's New File... button; waits for its editor. */
  async newFile(name) {
    await this.page.locator('.explorer-folders-view').hover();
    await this.page.locator('.pane-header .action-label[aria-label^="New File"]').click();
    await this.page.mouse.move(0, 0);
    await this.page.locator('.explorer-folders-view .monaco-inputbox input').waitFor();
    await this.page.keyboard.type(name);
    await this.page.keyboard.press('Enter');
    await this.editor(name).waitFor();
    return this.editor(name);
  }

  /**
   * Runs a command from the command palette (F1), by its exact label. The caller waits for what the
   * command does (it may open another picker in the same widget).
   * @param {string} label e.g. "View: Close All Editors"
   */
  async runCommand(label) {
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget .quick-input-box input').waitFor();
    await this.page.keyboard.type(label);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { has: this.page.getByText(label, { exact: true }) }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Closes every editor and waits until no editor is left. */
  async closeAllEditors() {
    await this.runCommand('View: Close All Editors');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'detached' });
  }

  /**
   * Moves the cursor with Go to Line (Ctrl+G), 1-based line and column.
   * @param {number} line
   * @param {number} [column]
   */
  async goTo(line, column) {
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget .quick-input-box input').waitFor();
    await this.page.keyboard.type(column === undefined ? `${line}` : `${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * Saves the active editor (Ctrl+S) and resolves with the file's text on disk once `accept` takes it.
   * (The tab cannot tell: it drops its unsaved-changes mark as soon as the save starts.) Resolves with
   * the text on disk when the wait times out, for the caller's assertion to show.
   * @param {string} name
   * @param {(text: string) => boolean} accept
   * @returns {Promise<string>}
   */
  async save(name, accept) {
    await this.page.keyboard.press('Control+S');
    return waitFor(() => (accept(this.readFile(name)) ? this.readFile(name) : undefined), () => `${name} on disk`).catch(() => this.readFile(name));
  }

  /**
   * Picks a value in a drop-down of the Settings editor with the keyboard: Enter on the focused select
   * box opens its list, the arrows move in it, Enter picks. (A mouse click races with the select box's
   * hover, which closes the list.) Each step looks at what is shown and does the next thing, so a row
   * the Settings editor redraws meanwhile (it does when a value changes) only costs a step.
   * @param {import('playwright-core').Locator} select the `<select>` element
   * @param {string} value
   */
  async chooseInSelect(select, value) {
    const values = await select.evaluate((element) => [...element.options].map((option) => option.value));
    const target = values.indexOf(value);
    if (target < 0) {
      throw new Error(`"${value}" is not one of ${values.join(', ')}`);
    }
    const list = this.page.locator('.monaco-select-box-dropdown-container.visible');
    let shown;
    await waitFor(async () => {
      shown = await select.inputValue();
      if (shown === value && !(await list.isVisible())) {
        return true;
      }
      if (!(await list.isVisible())) {
        await select.focus();
        await this.page.keyboard.press('Enter');
        return undefined;
      }
      const focused = Number(await list.locator('.monaco-list-row.focused').first().getAttribute('data-index', { timeout: 1000 }).catch(() => -1));
      await this.page.keyboard.press(focused === target ? 'Enter' : focused < target ? 'ArrowDown' : 'ArrowUp');
      return undefined;
    }, () => `the select box to show "${value}" (it shows "${shown}")`);
  }

  /**
   * The squiggles an editor draws, mapped back to lines and characters: the squiggle's line is the
   * line number shown at the same height, its characters are its left edge and width divided by the
   * width of a character (the editor font is monospaced and the examples have no tabs).
   * @param {string} name
   * @returns {Promise<Squiggle[]>}
   */
  squiggles(name) {
    return this.editor(name).evaluate((editor) => {
      const lineNumberAt = new Map([...editor.querySelectorAll('.margin-view-overlays .line-numbers')]
        .map((element) => [element.parentElement.style.top, Number(element.textContent) - 1]));
      const lines = [...editor.querySelectorAll('.view-lines .view-line')];
      const longest = lines.reduce((best, line) => (line.textContent.length > best.textContent.length ? line : best));
      const textWidth = [...longest.querySelectorAll(':scope > span > span')].reduce((sum, span) => sum + span.getBoundingClientRect().width, 0);
      const characterWidth = textWidth / longest.textContent.length;
      return [...editor.querySelectorAll('.view-overlays [class*="squiggly-"]')].map((squiggle) => {
        const left = parseFloat(squiggle.style.left);
        const start = Math.round(left / characterWidth);
        return {
          severity: /squiggly-(error|warning|info|hint)/.exec(squiggle.className)[1],
          line: lineNumberAt.get(squiggle.parentElement.style.top),
          start,
          end: Math.round((left + parseFloat(squiggle.style.width)) / characterWidth),
        };
      });
    });
  }

  /** Waits until the editor draws a squiggle starting at (line, character), 0-based; resolves with its element. */
  async squiggleAt(name, line, character) {
    let drawn = [];
    const index = await waitFor(async () => {
      drawn = await this.squiggles(name);
      const found = drawn.findIndex((squiggle) => squiggle.line === line && squiggle.start === character);
      return found < 0 ? undefined : found;
    }, () => `a squiggle at ${line + 1}:${character + 1} in ${name}; drawn: ${JSON.stringify(drawn)}`);
    return this.editor(name).locator('.view-overlays [class*="squiggly-"]').nth(index);
  }

  /** Moves the mouse onto a squiggle and resolves with the text of the hover that opens. */
  async hover(squiggle) {
    const box = await squiggle.boundingBox();
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.hover-contents') }).first();
    await hover.waitFor();
    return hover.innerText();
  }

  /** Moves the mouse away and waits until no hover is shown. */
  async dismissHover() {
    await this.page.mouse.move(0, 0);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-hover:not(.hidden) .hover-contents').waitFor({ state: 'detached' });
  }

  /**
   * Puts the cursor on a squiggle (a click on raw coordinates), presses Ctrl+., waits for the menu
   * entry `title` and leaves the menu open. Returns the entry.
   *
   * The click uses the squiggle's box as it is drawn at that moment. A CodeLens that appears just
   * then (the access summary above a policy, computed when the editor asks) moves the lines down,
   * and the click lands on another line, whose menu lacks the entry: the squiggle is found again and
   * the click and Ctrl+. repeated, up to three times. What the menu offered each time is in the error.
   */
  async openQuickFixMenu(squiggle, title) {
    const entry = this.page.locator('.action-widget .monaco-list-row', { hasText: title });
    const offered = [];
    for (let attempt = 1; ; attempt++) {
      const box = await squiggle.boundingBox();
      await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await this.page.mouse.move(0, 0);
      await this.page.keyboard.press('Control+Period');
      try {
        await entry.waitFor({ timeout: 10_000 });
        return entry;
      } catch (error) {
        const rows = await this.page.locator('.action-widget .monaco-list-row').allInnerTexts();
        const cursor = await this.page.locator('[id="status.editor.selection"]').innerText().catch(() => '?');
        offered.push(`attempt ${attempt} at ${cursor.trim()}: ${rows.length ? rows.join(' | ') : 'no menu'}`);
        if (attempt === 3) {
          error.message += `\nThe quick fix menu offered: ${offered.join('; ')}`;
          throw error;
        }
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Shows the Problems panel (Ctrl+Shift+M toggles it, so only when it is not shown). */
  async showProblems() {
    if (!(await this.page.locator('.markers-panel').isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.page.locator('.markers-panel').waitFor();
  }

  /**
   * Every problem row of the Problems panel, with the file row it sits under. The panel is a
   * virtualized list that renders only the rows in view, so this walks it with the keyboard (Home,
   * then Down until the last row), reading the focused row each time, and gives the focus back.
   * @returns {Promise<ProblemRow[]>}
   */
  async problemRows() {
    await this.showProblems();
    const panel = this.page.locator('.markers-panel');
    if ((await panel.locator('.monaco-list-row').count()) === 0) {
      return [];
    }
    const previousFocus = await this.page.evaluateHandle(() => globalThis.document.activeElement);
    await panel.locator('.monaco-list').first().focus();
    await this.page.keyboard.press('Home');
    const rows = [];
    let file = '';
    for (let index = 0; ; index++) {
      const row = await panel.locator(`.monaco-list-row.focused[data-index="${index}"]`).evaluate(readProblemRow, undefined, { timeout: 5000 });
      if (row.file !== undefined) {
        file = row.file;
      } else {
        rows.push({ file, ...row.problem });
      }
      if (row.last) {
        break;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    await previousFocus.evaluate((element) => element?.focus?.());
    return rows;
  }

  /**
   * Waits until the Problems panel's rows satisfy `accept`; resolves with them. A walk spoilt by the
   * list changing under it is tried again.
   */
  async waitForProblemRows(accept, what) {
    let last = [];
    let lastError;
    return waitFor(async () => {
      try {
        last = await this.problemRows();
        lastError = undefined;
      } catch (error) {
        lastError = error;
        return undefined;
      }
      return accept(last) ? last : undefined;
    }, () => `${what}; the Problems panel shows ${JSON.stringify(last.map(describeRow))}${lastError ? ` (last read failed: ${lastError.message})` : ''}`);
  }

  /** The problem counts the status bar shows, e.g. "Errors: 1, Warnings: 0" as {error: 1, warning: 0}. */
  async statusBarCounts() {
    const label = await this.page.locator('[id="status.problems"]').getAttribute('aria-label');
    const counts = { error: 0, warning: 0, info: 0 };
    for (const [, kind, count] of (label ?? '').matchAll(/(Errors|Warnings|Infos): (\d+)/g)) {
      counts[{ Errors: 'error', Warnings: 'warning', Infos: 'info' }[kind]] = Number(count);
    }
    return counts;
  }

  /** The log file behind the extension's output channel (created when the extension activates). */
  outputChannelLogFile() {
    const logs = path.join(this.server.runDir, 'user-data', 'logs');
    const file = fs.existsSync(logs) && fs.readdirSync(logs, { recursive: true }).find((entry) => entry.endsWith(`${path.sep}${OUTPUT_CHANNEL}.log`));
    return file ? path.join(logs, file) : undefined;
  }

  /** The extension host's log (code-server's side, where our extension and its client run). */
  extensionHostLog() {
    const logs = path.join(this.server.runDir, 'user-data', 'logs');
    const file = fs.existsSync(logs) && fs.readdirSync(logs, { recursive: true }).find((entry) => entry.endsWith(`${path.sep}remoteexthost.log`));
    return file ? fs.readFileSync(path.join(logs, file), 'utf8') : '';
  }

  /** The text of the extension's output channel so far. */
  outputChannelText() {
    const file = this.outputChannelLogFile();
    return file ? fs.readFileSync(file, 'utf8') : '';
  }

  /**
   * Sets the output channel's log level to Trace through "Developer: Set Log Level..." once the
   * extension has created the channel (it activates on the first JSON document), which makes the language client trace every message there in full
   * (`s3Policy.trace.server` is "verbose" in the test settings). Waits for the first trace entry.
   */
  async enableServerTrace() {
    await waitFor(() => (this.outputChannelLogFile() ? true : undefined), () => `the ${OUTPUT_CHANNEL} output channel (the extension activating)`);
    await this.runCommand('Developer: Set Log Level...');
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: OUTPUT_CHANNEL }).waitFor();
    await this.page.keyboard.type(OUTPUT_CHANNEL);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: OUTPUT_CHANNEL }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Trace' }).first().waitFor();
    await this.page.keyboard.type('Trace');
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Trace' }).waitFor();
    await this.page.keyboard.press('Enter');
    await waitFor(() => (this.traceEntries().length > 0 ? true : undefined), () => `the first trace entry in the ${OUTPUT_CHANNEL} output channel`);
  }

  /** @returns {TraceEntry[]} the message trace in the output channel */
  traceEntries() {
    return logEntries(this.outputChannelText()).flatMap((entry) => {
      const match = /^\S+ \S+ \[trace\] (.*?)\n(?:Params: |Result: )?([\s\S]*)$/.exec(entry);
      if (!match) {
        return [];
      }
      let params;
      try {
        params = match[2].trim() ? JSON.parse(match[2]) : undefined;
      } catch {
        params = undefined;
      }
      return [{ message: match[1], params }];
    });
  }

  /**
   * Waits until our server has published diagnostics for the version of a document the client last
   * sent it (didOpen or didChange), after that message, and resolves with them: the positive signal
   * that lets a test say "nothing from us" about a document.
   * @param {string} name a workspace file
   * @param {(diagnostics: any[]) => boolean} [accept] waits further until the diagnostics satisfy this
   * @returns {Promise<any[]>} the published LSP diagnostics
   */
  serverDiagnostics(name, accept = () => true) {
    const uri = this.uriOf(name);
    let sent;
    return waitFor(() => {
      sent = undefined;
      let published;
      for (const { message, params } of this.traceEntries()) {
        if (/^Sending notification 'textDocument\/did(Open|Change)'/.test(message) && params?.textDocument?.uri === uri) {
          sent = params.textDocument.version;
          published = undefined;
        } else if (/^Received notification 'textDocument\/publishDiagnostics'/.test(message) && params?.uri === uri) {
          published = params;
        }
      }
      return sent !== undefined && published?.version === sent && accept(published.diagnostics) ? published.diagnostics : undefined;
    }, () => `our server to publish diagnostics for version ${sent} of ${name}`);
  }
}

/** Splits a VS Code log into its entries: each starts with "YYYY-MM-DD hh:mm:ss.mmm [level]" and may span lines. */
export function logEntries(text) {
  return text.split(/^(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[)/m);
}

/** Reads a row of the Problems panel in the page: a file row, or a problem row. */
function readProblemRow(element) {
  const last = element.dataset.lastElement === 'true';
  if (element.getAttribute('aria-level') === '1') {
    return { last, file: element.querySelector('.label-name')?.textContent ?? '' };
  }
  const position = /\[Ln (\d+), Col (\d+)\]/.exec(element.querySelector('.marker-line')?.textContent ?? '');
  return {
    last,
    problem: {
      severity: ['error', 'warning', 'info'].find((severity) => element.querySelector('.marker-icon')?.classList.contains(severity)) ?? 'unknown',
      message: element.querySelector('.marker-message')?.textContent ?? '',
      source: element.querySelector('.marker-source')?.textContent ?? '',
      code: element.querySelector('.marker-code')?.textContent ?? '',
      line: Number(position?.[1]),
      column: Number(position?.[2]),
    },
  };
}

/** A problem row in a few words, for failure messages. */
export function describeRow(row) {
  return `${row.file} ${row.line}:${row.column} ${row.source}(${row.code}) ${row.message}`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
