/* S3 Bucket Policy — MIT License. */
import { changeOperatorFix } from '../conditions/changeOperator';
import { policyConditionEntries } from '../conditions/policyConditions';
import type { Rule } from './rule';

/**
 * A multivalued key (aws:TagKeys, aws:PrincipalOrgPaths, s3:RequestObjectTagKeys, …) under an
 * operator without ForAnyValue: or ForAllValues: (Access Analyzer "Missing qualifier"). Two fixes:
 * ForAnyValue: (preferred: it is false when the request carries no values, so it never widens an
 * Allow, and it is what AWS's examples use for aws:PrincipalOrgPaths) and ForAllValues:.
 */
export const missingConditionQualifier: Rule = {
  id: 'missingConditionQualifier',
  defaultSeverity: 'error',
  description: 'A multivalued key (aws:TagKeys, aws:PrincipalOrgPaths, s3:RequestObjectTagKeys) is used without ForAnyValue: or ForAllValues:.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { statement, entry, key } of policyConditionEntries(context.policy)) {
      if (entry.qualifier || entry.baseOperator === 'Null' || !key?.multivalued) {
        continue;
      }
      const fixes = ['ForAnyValue', 'ForAllValues'].flatMap((qualifier) => {
        const operator = `${qualifier}:${entry.operator}`;
        return changeOperatorFix(context.policy.text, statement, entry, operator, { title: `Change to "${operator}"`, isPreferred: qualifier === 'ForAnyValue' });
      });
      context.report(entry.operatorNode,
        `"${key.name}" can carry several values in one request, so its operator needs a qualifier: ForAnyValue:${entry.operator} matches when any of them matches, ForAllValues:${entry.operator} when all do (and also when there are none).`,
        { fixes });
    }
  },
};
