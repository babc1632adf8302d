/* S3 Bucket Policy — MIT License. */
/**
 * Action completion: S3 actions only (a bucket policy governs nothing else), filtered by what is
 * typed — a part of the name, or a pattern with `*` and `?` — each with its access level and
 * description.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { S3Action, s3Actions, wildcardRegExp } from '../data/awsData';
import type { Proposal } from './proposals';

/** The name part of what is typed, or undefined when it names another service (`ec2:…`). */
function typedName(prefix: string): string | undefined {
  const colon = prefix.indexOf(':');
  if (colon < 0) {
    return /^s3?$/i.test(prefix) ? '' : prefix;
  }
  return wildcardRegExp(prefix.slice(0, colon)).test('s3') ? prefix.slice(colon + 1) : undefined;
}

/** A few lines about an action for the completion list (the hover says more): description, access level, resource types. */
function summarizeAction(action: S3Action): string {
  const resources = action.resourceTypes.map((type) => type.name).join(', ') || '"*" only';
  return `${action.description}.\n\nAccess level: ${action.accessLevel} · Resources: ${resources}`;
}

/**
 * The S3 actions matching what is typed: a pattern with wildcards matches as a pattern (with an
 * implicit `*` at the end, as the name is still being typed) and is itself proposed when it matches
 * something; plain text matches anywhere in the name, names starting with it first. Already listed
 * actions are left out. Clients keep the order: every proposal filters with what is typed.
 */
export function actionProposals(prefix: string, typed: string, exclude: ReadonlySet<string>): Proposal[] {
  const name = typedName(prefix.trim());
  if (name === undefined) {
    return [];
  }
  const lower = name.toLowerCase();
  const proposals: Proposal[] = [];
  let matches;
  if (/[*?]/.test(name)) {
    const pattern = wildcardRegExp(name);
    const exact = s3Actions().filter((action) => pattern.test(action.name));
    if (exact.length > 0 && !exclude.has(`s3:${lower}`)) {
      proposals.push({
        label: `s3:${name}`,
        kind: CompletionItemKind.Value,
        text: JSON.stringify(`s3:${name}`),
        snippet: false,
        detail: `${exact.length} action${exact.length === 1 ? '' : 's'}`,
        documentation: `Matches ${exact.slice(0, 8).map((action) => `\`s3:${action.name}\``).join(', ')}${exact.length > 8 ? ', …' : ''}`,
      });
    }
    const growing = wildcardRegExp(`${name}*`);
    matches = s3Actions().filter((action) => growing.test(action.name));
  } else {
    const all = s3Actions().filter((action) => action.name.toLowerCase().includes(lower));
    matches = [...all.filter((action) => action.name.toLowerCase().startsWith(lower)), ...all.filter((action) => !action.name.toLowerCase().startsWith(lower))];
    if (lower === '' && !exclude.has('s3:*')) {
      proposals.push({ label: 's3:*', kind: CompletionItemKind.Value, text: '"s3:*"', snippet: false, detail: 'every S3 action', documentation: `All ${s3Actions().length} S3 actions.` });
    }
  }
  for (const action of matches) {
    if (exclude.has(`s3:${action.name.toLowerCase()}`)) {
      continue;
    }
    proposals.push({
      label: `s3:${action.name}`,
      kind: CompletionItemKind.Function,
      text: JSON.stringify(`s3:${action.name}`),
      snippet: false,
      detail: action.accessLevel,
      documentation: summarizeAction(action),
    });
  }
  return proposals.map((proposal) => ({ ...proposal, filterText: typed }));
}
