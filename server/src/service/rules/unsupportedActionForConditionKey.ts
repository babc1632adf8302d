/* S3 Bucket Policy — MIT License. */
import { actionNames, actionsWithoutKey, s3ActionsSupporting } from '../conditions/actionKeySupport';
import { outcomeWithoutKey } from '../conditions/keyOperators';
import { policyConditionEntries } from '../conditions/policyConditions';
import type { Rule } from './rule';

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
      const actions = actionsWithoutKey(statement, name);
      if (!actions) {
        continue;
      }
      const supporting = s3ActionsSupporting(name);
      const where = supporting.size > 0 ? ` Only ${actionNames([...supporting])} send it.` : '';
      const outcome = outcomeWithoutKey(entry);
      const effect = outcome === 'never' ? 'this condition is never true for them' : outcome === 'always' ? 'this condition is always true for them and restricts nothing' : 'this condition does not see it';
      context.report(entry.keyNode, `None of this statement's actions (${actionNames(actions)}) sends "${key.name}" in its requests, so ${effect}.${where} Move the condition to a statement with those actions, or remove it.`);
    }
  },
};
