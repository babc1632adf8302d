/* S3 Bucket Policy — MIT License. */
import { outcomeWithoutKey } from '../conditions/keyOperators';
import { policyConditionEntries } from '../conditions/policyConditions';
import { findS3ResourceType, matchS3Actions, S3Action, s3Actions } from '../data/awsData';
import { memoize } from '../data/memoize';
import { memoizePerObject } from '../memoizePerObject';
import { stringNodes } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
import { grantedActions } from '../statementAccess';
import type { Rule } from './rule';

/**
 * The condition keys (lowercased, as the data writes them) whose values an action's requests carry:
 * those listed for the action and those of the resource types it applies to.
 */
const supportedKeys = memoizePerObject((action: S3Action): ReadonlySet<string> => new Set([
  ...action.conditionKeys,
  ...action.resourceTypes.flatMap((type) => findS3ResourceType(type.name)?.conditionKeys ?? []),
].map((key) => key.toLowerCase())));

/** The S3 actions that support a key (lowercased name, as the data writes it). */
const s3ActionsSupporting = memoize((name: string): ReadonlySet<S3Action> => new Set(s3Actions().filter((action) => supportedKeys(action).has(name))));

/**
 * The S3 actions of a statement, action patterns first: the actions each of its Action patterns
 * matches (several lists, as matched and memoized, not merged), or the one list of every S3 action
 * its NotAction leaves out.
 */
function actionLists(statement: PolicyStatement): (readonly S3Action[])[] {
  return statement.members.has('NotAction')
    ? [grantedActions(statement)]
    : stringNodes(statement.members.get('Action')?.valueNode).map((node) => matchS3Actions(String(node.value)));
}

/** A few action names for a message: `s3:ListBucket, s3:ListBucketVersions`, with "…" when there are more. */
function names(actions: readonly S3Action[], max = 3): string {
  return actions.slice(0, max).map((action) => `s3:${action.name}`).join(', ') + (actions.length > max ? ', …' : '');
}

/**
 * An `s3:` condition key that none of the statement's actions supports (Access Analyzer "Unsupported
 * action for condition key"): `s3:prefix` with only `s3:GetObject`. Requests for those actions never
 * carry the key, so the condition is never true (or, negated, with IfExists or Null, always true).
 * A wildcard or NotAction passes when any action it covers supports the key. Global `aws:` keys are
 * left alone. A warning, not an error as in Access Analyzer: the per-action key lists of the AWS data
 * lag behind S3, and a policy that trips on a gap is still valid.
 */
export const unsupportedActionForConditionKey: Rule = {
  id: 'unsupportedActionForConditionKey',
  defaultSeverity: 'warning',
  description: 'An s3: condition key that none of the statement\'s actions supports (s3:prefix with only s3:GetObject): the condition never sees a value.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { statement, entry, key } of policyConditionEntries(context.policy)) {
      if (!key || key.global) {
        continue;
      }
      const name = key.name.toLowerCase();
      const lists = actionLists(statement);
      const supporting = s3ActionsSupporting(name);
      if (lists.every((list) => list.length === 0) || lists.some((list) => list.some((action) => supporting.has(action)))) {
        continue;
      }
      const actions = [...new Set(lists.flat())];
      const where = supporting.size > 0 ? ` Only ${names([...supporting])} send it.` : '';
      const outcome = outcomeWithoutKey(entry);
      const effect = outcome === 'never' ? 'this condition is never true for them' : outcome === 'always' ? 'this condition is always true for them and restricts nothing' : 'this condition does not see it';
      context.report(entry.keyNode, `None of this statement's actions (${names(actions)}) sends "${key.name}" in its requests, so ${effect}.${where} Move the condition to a statement with those actions, or remove it.`);
    }
  },
};
