/* S3 Bucket Policy — MIT License. */
import { changeOperatorFix } from '../conditions/changeOperator';
import { withBaseOperator } from '../conditions/keyOperators';
import { policyConditionEntries } from '../conditions/policyConditions';
import { withoutVariables } from '../conditions/policyVariables';
import type { Rule } from './rule';

/** The Like operator for each String operator that compares exactly. */
const LIKE_OPERATOR: Record<string, string> = {
  StringEquals: 'StringLike',
  StringNotEquals: 'StringNotLike',
  StringEqualsIgnoreCase: 'StringLike',
  StringNotEqualsIgnoreCase: 'StringNotLike',
};

/**
 * A `*` or `?` in a value compared with StringEquals, StringNotEquals or their IgnoreCase forms
 * (Access Analyzer "Wildcard without like operator"): these operators compare the characters
 * literally, so `arn:aws:cloudfront::111122223333:distribution/*` matches only a distribution named
 * "*". The fix switches to StringLike / StringNotLike (preferred for the case-sensitive operators;
 * for the IgnoreCase ones the Like operator is case-sensitive, so it is only offered). Arn operators
 * are not reported: ArnEquals and ArnLike both match wildcards. `${*}` and `${?}` stand for the
 * literal characters and are not wildcards.
 */
export const wildcardWithoutLike: Rule = {
  id: 'wildcardWithoutLike',
  defaultSeverity: 'warning',
  description: 'A value with * or ? is compared with StringEquals/StringNotEquals, which take the * literally: use StringLike/StringNotLike.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { statement, entry, fits } of policyConditionEntries(context.policy)) {
      const like = LIKE_OPERATOR[entry.baseOperator];
      if (!like || !fits) {
        continue;
      }
      const wildcards = entry.values.filter((value) => value.type === 'string' && /[*?]/.test(withoutVariables(String(value.value))));
      if (wildcards.length === 0) {
        continue;
      }
      const operator = withBaseOperator(entry, like);
      const ignoreCase = entry.baseOperator.endsWith('IgnoreCase');
      const more = wildcards.length > 1 ? ` (and ${wildcards.length - 1} more value${wildcards.length > 2 ? 's' : ''})` : '';
      const caseNote = ignoreCase ? ' (StringLike compares case-sensitively, unlike IgnoreCase)' : '';
      context.report(wildcards[0],
        `${entry.baseOperator} compares "${String(wildcards[0].value)}"${more} character by character, so * and ? match only themselves, not any text. Use "${operator}" to match a pattern${caseNote}.`,
        { fixes: changeOperatorFix(context.policy.text, statement, entry, operator, { title: `Change to "${operator}"`, isPreferred: !ignoreCase }) });
    }
  },
};
