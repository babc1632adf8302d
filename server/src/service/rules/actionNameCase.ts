/* S3 Bucket Policy — MIT License. */
import { findS3Action, matchS3Actions } from '../data/awsData';
import { memoize } from '../data/memoize';
import { actionTokens, hasWildcard } from './actionParts';
import type { Rule } from './rule';

/**
 * The canonical spelling of an action-name pattern, when every action it matches agrees on it:
 * `get*` → `Get*`, `getobject*` → `GetObject*`. Undefined when the pattern matches nothing or the
 * matches disagree (`*tagging` matches `GetObjectTagging` and `PutBucketTagging`, both `Tagging`, so
 * it agrees; `get?bject` agrees; a pattern whose literal part falls on different letters may not).
 */
const canonicalPattern = memoize((pattern: string): string | undefined => {
  const actions = matchS3Actions(pattern);
  if (actions.length === 0) {
    return undefined;
  }
  // The pattern matches an action, so its letters are few; its stars may not be: a run of them is one
  // `.*?` and only non-empty letter runs are captured, which keeps the expression small.
  const parts = pattern.split(/([*?])/);
  const source = parts.map((part, index) => (index % 2 === 1
    ? (part === '?' ? '.' : parts[index - 2] === '*' && parts[index - 1] === '' ? '' : '.*?')
    : part === '' ? '' : `(${part.replace(/[.+^${}()|[\]\\]/g, '\\$&')})`)).join('');
  const regExp = new RegExp(`^${source}$`, 'is');
  let canonical: string | undefined;
  for (const action of actions) {
    const match = regExp.exec(action.name);
    if (!match) {
      return undefined;
    }
    let group = 1;
    const spelled = parts.map((part, index) => (index % 2 === 1 || part === '' ? part : match[group++])).join('');
    if (canonical !== undefined && canonical !== spelled) {
      return undefined;
    }
    canonical = spelled;
  }
  return canonical;
});

/**
 * An S3 action name written in another case than AWS's (`s3:getobject` for `s3:GetObject`). Action
 * names are case-insensitive, so this is style only; the canonical case is easier to read and search
 * for. Looks only at the part after the colon: actionPrefixCase handles the prefix.
 */
export const actionNameCase: Rule = {
  id: 'actionNameCase',
  defaultSeverity: 'information',
  description: 'An S3 action name is not in AWS\'s canonical case (s3:getobject for s3:GetObject).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const token of actionTokens(context.policy)) {
      if (!token.isS3 || token.name.length === 0 || token.nameRange.length !== token.name.length) {
        continue;
      }
      const canonical = hasWildcard(token.name) ? canonicalPattern(token.name) : findS3Action(token.name)?.name;
      if (canonical === undefined || canonical === token.name) {
        continue;
      }
      context.report(token.nameRange, `AWS spells this action "${canonical}". Action names are case-insensitive, so this is style only, but the canonical spelling is easier to read and to search for.`, {
        fixes: [{ title: `Change to "${token.prefix}:${canonical}"`, isPreferred: true, edits: [{ ...token.nameRange, content: canonical }] }],
      });
    }
  },
};
