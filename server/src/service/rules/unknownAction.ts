/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { findApiOperation } from '../data/apiOperations';
import { findS3Action, matchS3Actions, s3ActionNames } from '../data/awsData';
import { memoize } from '../data/memoize';
import { replaceStringEdit } from '../edits/jsonEdits';
import type { PolicyFix } from '../policyLanguageTypes';
import { closestNames, editDistance } from '../suggestions';
import { ActionToken, actionStrings, actionTokens, hasWildcard } from './actionParts';
import type { Rule, RuleContext } from './rule';

function changeTo(node: Node, value: string, isPreferred: boolean): PolicyFix {
  return { title: `Change to "${value}"`, isPreferred, edits: [replaceStringEdit(node, value)] };
}

/** The closest S3 action names to a mistyped one, keeping only those as close as the closest, and that distance. */
const suggestionsFor = memoize((typed: string): { names: string[]; distance: number } => {
  const candidates = closestNames(typed, s3ActionNames());
  const distances = candidates.map((candidate) => editDistance(typed, candidate.toLowerCase(), typed.length));
  const distance = Math.min(...distances);
  return { names: candidates.filter((_, index) => distances[index] === distance), distance };
});

function bestSuggestions(name: string): { names: string[]; distance: number } {
  return suggestionsFor(name.replace(/\s+/g, '').toLowerCase());
}

/** An action written without a service prefix (`GetObject`, `HeadObject`). */
function checkMissingPrefix(context: RuleContext, node: Node, value: string): void {
  if (value.trim().length === 0) {
    return;
  }
  const action = findS3Action(value)?.name ?? findApiOperation(value)?.action;
  const named = hasWildcard(value) && matchS3Actions(value).length > 0 ? value : action;
  const suggestion = named === undefined ? undefined : `s3:${named}`;
  context.report(node, suggestion
    ? `"${value}" has no service prefix, so it matches no action. Write "${suggestion}".`
    : `"${value}" is not an action: actions are written service:name, such as "s3:GetObject".`, {
    fixes: suggestion ? [changeTo(node, suggestion, true)] : [],
  });
}

/**
 * How many unknown names per document get did-you-mean suggestions. Each costs an edit-distance scan
 * of every S3 action; past this many (only hostile or generated documents have them) the finding is
 * reported without suggestions, so one document cannot hold the server for seconds.
 */
const SUGGESTED_NAMES_PER_DOCUMENT = 200;

const NO_SUGGESTIONS = { names: [], distance: Infinity };

function checkS3Action(context: RuleContext, token: ActionToken, mayComputeSuggestions: () => boolean): void {
  const { node, prefix, name } = token;
  if (name.length === 0) {
    context.report(node, `"${token.value}" names no action. Write an action after the colon, such as "${prefix}:GetObject", or "${prefix}:*" for all S3 actions.`);
    return;
  }
  if (hasWildcard(name)) {
    if (matchS3Actions(name).length === 0) {
      context.report(node, `"${token.value}" matches no S3 action, so it grants or denies nothing. Check the spelling of the part before the wildcard.`);
    }
    return;
  }
  if (findS3Action(name)) {
    return;
  }
  const suggestions = mayComputeSuggestions() ? bestSuggestions(name) : NO_SUGGESTIONS;
  const operation = findApiOperation(name);
  if (operation) {
    const replacement = `${prefix}:${operation.action}`;
    const note = operation.note ? ` (${operation.note})` : '';
    const typos = suggestions.distance <= 1 ? suggestions.names.filter((suggestion) => suggestion !== operation.action) : [];
    const orTypo = typos.length > 0 ? ` Or did you mean ${typos.map((typo) => `"${prefix}:${typo}"`).join(' or ')}?` : '';
    context.report(node, `${name} is an API operation, not an IAM action; it is authorised by s3:${operation.action}${note}. Write "${replacement}".${orTypo}`, {
      fixes: [changeTo(node, replacement, true), ...typos.map((typo) => changeTo(node, `${prefix}:${typo}`, false))],
    });
    return;
  }
  const didYouMean = suggestions.names.length > 0 ? ` Did you mean ${suggestions.names.map((suggestion) => `"${prefix}:${suggestion}"`).join(' or ')}?` : '';
  context.report(node, `"${token.value}" is not an S3 action, so it grants or denies nothing.${didYouMean}`, {
    fixes: suggestions.names.map((suggestion) => changeTo(node, `${prefix}:${suggestion}`, suggestions.names.length === 1)),
  });
}

/**
 * An S3 action that does not exist (Access Analyzer "Invalid action"): a typo, with did-you-mean
 * fixes; an API operation name used as an action (`s3:CreateMultipartUpload` is authorised by
 * `s3:PutObject`), with a fix to the action; a wildcard that matches no action (`s3:Gett*`); an
 * action without a service prefix.
 */
export const unknownAction: Rule = {
  id: 'unknownAction',
  defaultSeverity: 'error',
  description: 'An S3 action that does not exist: a typo, an API operation name, or a wildcard that matches nothing.',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const node of actionStrings(context.policy)) {
      const value = String(node.value);
      if (!value.includes(':')) {
        checkMissingPrefix(context, node, value);
      }
    }
    let suggestionsLeft = SUGGESTED_NAMES_PER_DOCUMENT;
    const mayComputeSuggestions = () => suggestionsLeft-- > 0;
    for (const token of actionTokens(context.policy)) {
      if (token.isS3) {
        checkS3Action(context, token, mayComputeSuggestions);
      }
    }
  },
};
