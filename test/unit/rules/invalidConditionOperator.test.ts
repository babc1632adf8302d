/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_CONDITION_OPERATORS } from '../../../server/src/service/conditionOperators';
import { applyFix, findingsOf, fixAll, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const withOperator = (operator: string) => policyWith(PARTNER_READ.replace(/ }$/, `, "Condition": { "${operator}": { "aws:PrincipalAccount": "210987654321" } } }`));

describe('invalidConditionOperator', () => {
  it('stays silent on every operator of the policy language, qualifiers and IfExists included', () => {
    const all = policyWith(PARTNER_READ.replace(/ }$/, `, "Condition": { ${ALL_CONDITION_OPERATORS.map((operator) => `"${operator}": {}`).join(', ')} } }`));
    assert.deepEqual(findingsOf(all, 'invalidConditionOperator'), []);
  });

  it('accepts ForAllValues:Null and ForAnyValue:Null, which IAM accepts (Access Analyzer only suggests against them)', () => {
    assert.deepEqual(findingsOf(withOperator('ForAnyValue:Null'), 'invalidConditionOperator'), []);
    assert.deepEqual(findingsOf(withOperator('ForAllValues:Null'), 'invalidConditionOperator'), []);
  });

  for (const [bad, good] of [['StringEqual', 'StringEquals'], ['stringequals', 'StringEquals'], ['NumericLessThen', 'NumericLessThan'], ['ForAnyValue:StringLikes', 'ForAnyValue:StringLike']]) {
    it(`underlines "${bad}" as an error and renames it to "${good}", changing nothing else`, () => {
      const text = withOperator(bad);
      assert.deepEqual(underlined(text, 'invalidConditionOperator'), [`"${bad}"`]);
      assert.equal(findingsOf(text, 'invalidConditionOperator')[0].severity, 'error');
      assert.deepEqual(ruleIds(text), ['invalidConditionOperator']);
      assert.deepEqual(fixTitles(text, 'invalidConditionOperator'), [[`Change to "${good}" (preferred)`]]);
      assert.equal(applyFix(text, 'invalidConditionOperator'), withOperator(good));
    });
  }

  for (const bad of ['NullIfExists', 'ForAllValues:NullIfExists']) {
    it(`explains that Null takes no IfExists for "${bad}" and changes it to "Null"`, () => {
      const text = withOperator(bad);
      assert.match(findingsOf(text, 'invalidConditionOperator')[0].message, /IfExists/);
      assert.equal(fixAll(text), withOperator('Null'));
    });
  }

  it('offers each close name, none preferred, when the misspelling is ambiguous', () => {
    const text = withOperator('DateLessThanEqual');
    assert.deepEqual(fixTitles(text, 'invalidConditionOperator'), [['Change to "DateLessThanEquals"', 'Change to "DateLessThan"']]);
    assert.equal(fixAll(text), text);
  });

  it('lists examples when nothing is close', () => {
    const text = withOperator('Matches');
    assert.match(findingsOf(text, 'invalidConditionOperator')[0].message, /StringEquals, StringLike/);
    assert.deepEqual(fixTitles(text, 'invalidConditionOperator'), [[]]);
  });
});
