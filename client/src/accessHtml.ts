/* S3 Bucket Policy — MIT License. */
/**
 * The pages of the access webview, as HTML text: the summary table of *Explain access* and the
 * answer of *What if…*. Every statement is a link (`data-policy`, `data-statement`) that the page's
 * script posts back to the extension, which selects the statement in the editor. No `vscode`
 * import: the unit tests render the pages directly.
 */
import type { AccessRow, AccessSummaryResult, PolicyAccess, StatementRef, WhatIfParams, WhatIfResult } from '../../common/accessProtocol';

/** What a page needs from its webview: the Content-Security-Policy source and a fresh nonce for its script. */
export interface PageContext {
  cspSource: string;
  nonce: string;
}

/** How many actions a row shows before the rest fold away. */
const SHOWN_ACTIONS = 3;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[character]!);
}

/** A link that selects a statement in the editor. */
function statementLink(policy: number, statement: StatementRef): string {
  return `<a href="#" class="statement" data-policy="${policy}" data-statement="${statement.index}" title="Select ${escapeHtml(statement.label)} in the editor (line ${statement.range.start.line + 1})">${escapeHtml(statement.label)}</a>`;
}

function actionsCell(actions: readonly string[]): string {
  const shown = actions.slice(0, SHOWN_ACTIONS).map((action) => `<code>${escapeHtml(action)}</code>`).join('<br>');
  if (actions.length <= SHOWN_ACTIONS) {
    return shown;
  }
  const rest = actions.slice(SHOWN_ACTIONS).map((action) => `<code>${escapeHtml(action)}</code>`).join('<br>');
  return `${shown} <details><summary>and ${actions.length - SHOWN_ACTIONS} more</summary>${rest}</details>`;
}

function row(policy: number, access: AccessRow): string {
  const statements = access.statements.length > 0 ? access.statements.map((statement) => statementLink(policy, statement)).join('<br>') : '<span class="muted">identity policies</span>';
  return `<tr class="${access.public ? 'public' : ''}">`
    + `<td>${escapeHtml(access.who)}${access.public ? ' <span class="badge bad">public</span>' : ''}</td>`
    + `<td>${escapeHtml(access.where)}</td>`
    + `<td>${escapeHtml(access.access)}</td>`
    + `<td>${statements}</td>`
    + `<td>${access.notes.map(escapeHtml).join('; ')}</td>`
    + `<td>${actionsCell(access.actions)}</td></tr>`;
}

function policySection(policy: PolicyAccess): string {
  const parts = [
    `<section data-policy="${policy.policy}"><h2>${escapeHtml(policy.name)} <span class="muted">line ${policy.range.start.line + 1}</span></h2>`,
    `<p class="line">${escapeHtml(policy.line)}</p>`,
    '<p>',
    policy.public ? '<span class="badge bad">Public</span>' : '<span class="badge good">Not public</span>',
    policy.httpsOnly ? ' <span class="badge good">HTTP denied to everyone</span>' : ' <span class="badge warn">HTTP not denied</span>',
    '</p>',
  ];
  if (policy.rows.length === 0) {
    parts.push('<p>Nobody gets any access through this policy.</p>');
  } else {
    parts.push('<table><thead><tr><th>Who</th><th>From where</th><th>Access</th><th>Statements</th><th>Conditions</th><th>Actions</th></tr></thead><tbody>',
      ...policy.rows.map((access) => row(policy.policy, access)), '</tbody></table>');
  }
  if (policy.publicStatements.length > 0) {
    parts.push('<h3>Public in S3\'s sense</h3><ul>', ...policy.publicStatements.map(({ statement, reason }) => `<li>${statementLink(policy.policy, statement)}: ${escapeHtml(reason)}</li>`), '</ul>');
  }
  if (policy.unknowns.length > 0) {
    parts.push('<h3>Values the host computes</h3><p>The summary cannot know these; rows that rest on them may not hold.</p><ul>', ...policy.unknowns.map((text) => `<li>${escapeHtml(text)}</li>`), '</ul>');
  }
  if (policy.assumes.length > 0) {
    parts.push('<h3>Assumed request values</h3><ul>', ...policy.assumes.map((text) => `<li><code>${escapeHtml(text)}</code></li>`), '</ul>');
  }
  parts.push('</section>');
  return parts.join('');
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; margin-top: 1.4em; } h3 { font-size: 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
th { color: var(--vscode-descriptionForeground); font-weight: 600; }
tr.public td:first-child { border-left: 3px solid var(--vscode-errorForeground, #f14c4c); }
code { font-family: var(--vscode-editor-font-family); }
td code { white-space: nowrap; }
.muted { color: var(--vscode-descriptionForeground); font-weight: normal; font-size: 0.9em; }
.line { font-size: 1.05em; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 9px; font-size: 0.9em; border: 1px solid; }
.badge.bad { color: var(--vscode-errorForeground, #f14c4c); } .badge.warn { color: var(--vscode-editorWarning-foreground, #cca700); } .badge.good { color: var(--vscode-testing-iconPassed, #73c991); }
a.statement { color: var(--vscode-textLink-foreground); }
details { display: inline; } summary { cursor: pointer; color: var(--vscode-textLink-foreground); }
.decision { font-size: 1.3em; font-weight: 600; } .decision.allow { color: var(--vscode-testing-iconPassed, #73c991); } .decision.deny { color: var(--vscode-errorForeground, #f14c4c); }
`;

/** The page's script: a click on a statement link tells the extension which statement to select. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const link = event.target.closest('a.statement');
  if (link) {
    event.preventDefault();
    vscode.postMessage({ command: 'reveal', policy: Number(link.dataset.policy), statement: Number(link.dataset.statement) });
  }
});
`;

function page(title: string, body: string, context: PageContext): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${context.cspSource} 'unsafe-inline'; script-src 'nonce-${context.nonce}';">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`
    + `<body>${body}<script nonce="${context.nonce}">${SCRIPT}</script></body></html>`;
}

/** The file name of a document URI. */
function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** The *Explain access* page: every policy's summary as a table, each row linking to its statements. */
export function renderAccessPage(result: AccessSummaryResult, context: PageContext): string {
  const title = `Access: ${fileName(result.uri)}`;
  const body = result.policies.length === 0
    ? `<h1>${escapeHtml(title)}</h1><p>This document holds no bucket policy.</p>`
    : `<h1>${escapeHtml(title)}</h1><p class="muted">Who can do what under ${result.policies.length === 1 ? 'this bucket policy' : `these ${result.policies.length} bucket policies`}, worked out by the offline evaluator. Click a statement to select it in the editor.</p>${result.policies.map(policySection).join('')}`;
  return page(title, body, context);
}

/** Words for a decision. */
export function decisionWords(decision: WhatIfResult['decision']): string {
  return decision === 'allow' ? 'Allowed' : decision === 'explicitDeny' ? 'Denied explicitly' : 'Denied implicitly';
}

/** The *What if…* page: the request, the decision, the deciding statements and why each statement applied or not. */
export function renderWhatIfPage(request: WhatIfParams, result: WhatIfResult, policy: number, context: PageContext): string {
  const title = `What if: ${fileName(request.textDocument.uri)}`;
  const contextItems = Object.entries(request.context).map(([key, value]) => `<li><code>${escapeHtml(key)}</code> = <code>${escapeHtml(Array.isArray(value) ? value.join(', ') : value)}</code></li>`).join('');
  const requestList = `<ul><li>Principal: <code>${escapeHtml(request.principal)}</code></li><li>Action: <code>${escapeHtml(request.action)}</code></li><li>Resource: <code>${escapeHtml(request.resource)}</code></li>${contextItems || '<li>Context: nothing besides what the principal implies (over HTTPS)</li>'}</ul>`;
  if (result.error) {
    return page(title, `<h1>${escapeHtml(title)}</h1>${requestList}<p class="decision deny">${escapeHtml(result.error)}</p>`, context);
  }
  const verdicts = result.statements.map((verdict) => `<tr><td>${statementLink(policy, verdict.statement)}</td><td>${escapeHtml(verdict.effect ?? '—')}</td><td>${verdict.applies === 'yes' ? 'applies' : verdict.applies === 'no' ? 'does not apply' : 'might apply'}</td><td>${escapeHtml(verdict.reason)}</td></tr>`).join('');
  const body = [
    `<h1>${escapeHtml(title)}</h1>`, requestList,
    `<p class="decision ${result.decision === 'allow' ? 'allow' : 'deny'}">${escapeHtml(result.headline)}</p>`,
    result.deciding.length > 0 ? `<p>Deciding: ${result.deciding.map((statement) => statementLink(policy, statement)).join(', ')}</p>` : '',
    result.dependsOn.length > 0 ? `<h3>Depends on</h3><ul>${result.dependsOn.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>` : '',
    '<h3>How it was decided</h3><ol>', ...result.explanation.map((line) => `<li>${escapeHtml(line)}</li>`), '</ol>',
    verdicts ? `<h3>Every statement</h3><table><thead><tr><th>Statement</th><th>Effect</th><th>For this request</th><th>Why</th></tr></thead><tbody>${verdicts}</tbody></table>` : '',
  ].join('');
  return page(title, body, context);
}
