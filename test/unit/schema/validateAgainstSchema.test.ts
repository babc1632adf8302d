/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bucketPolicySchema from '../../../schemas/s3-bucket-policy.schema.json';
import { ALL_CONDITION_OPERATORS } from '../../../server/src/service/conditionOperators';
import { objectMembers } from '../../../server/src/service/parser/parsePolicy';
import { explainsMissing } from '../../../server/src/service/rules/unknownElement';
import { JsonSchema, SchemaProblem, validateAgainstSchema } from '../../../server/src/service/schema/validateAgainstSchema';
import { coreSettings, HTTPS_ONLY_DENY, lint, PARTNER_READ, policyWith, service } from '../../helpers/policyTest';

const schema = bucketPolicySchema as JsonSchema;

function problemsOf(text: string): SchemaProblem[] {
  const { root } = service.parse(text);
  assert.ok(root);
  return validateAgainstSchema(root, schema);
}

/** What each problem is about, in a form easy to compare: kind, path and the text of its node. */
function summary(text: string): string[] {
  return problemsOf(text).map((problem) => `${problem.kind} ${problem.path.join('.')} ${text.slice(problem.node.offset, problem.node.offset + problem.node.length).split('\n')[0]}`);
}

const withPartner = (from: string | RegExp, to: string) => policyWith(PARTNER_READ.replace(from, to));

describe('validateAgainstSchema', () => {
  it('finds nothing in a correct policy, with Statement as an array or a single object', () => {
    assert.deepEqual(summary(policyWith(PARTNER_READ)), []);
    assert.deepEqual(summary(`{"Version": "2012-10-17", "Id": "x", "Statement": ${HTTPS_ONLY_DENY}}`), []);
  });

  it('unknownProperty: on the key, with the names allowed there', () => {
    const text = withPartner('"Sid": "PartnerRead", ', '"Sid": "PartnerRead", "Comment": "x", ');
    const [problem] = problemsOf(text);
    assert.deepEqual(summary(text), ['unknownProperty Statement.0.Comment "Comment"']);
    assert.deepEqual(problem.allowedNames, ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
    assert.deepEqual(problemsOf('{"Statement": [{}], "Comment": "x"}').filter((item) => item.kind === 'unknownProperty').map((item) => item.allowedNames), [['Version', 'Id', 'Statement']]);
  });

  it('missingProperty: on the object, naming the element and its alternative', () => {
    assert.deepEqual(problemsOf('{"Version": "2012-10-17"}').map((problem) => [problem.kind, problem.path, problem.names]), [['missingProperty', [], ['Statement']]]);
    const text = policyWith('{ "Sid": "Empty" }');
    assert.deepEqual(problemsOf(text).map((problem) => problem.names), [['Effect'], ['Principal', 'NotPrincipal'], ['Action', 'NotAction'], ['Resource', 'NotResource']]);
    assert.ok(problemsOf(text).every((problem) => problem.kind === 'missingProperty' && problem.node.offset === text.indexOf('{ "Sid": "Empty" }')));
  });

  it('conflictingProperties: on the statement, naming the pair', () => {
    const text = withPartner('"Action": "s3:GetObject"', '"Action": "s3:GetObject", "NotAction": "s3:PutObject"');
    assert.deepEqual(problemsOf(text).map((problem) => [problem.kind, problem.path, problem.names]), [['conflictingProperties', ['Statement', 0], ['Action', 'NotAction']]]);
  });

  it('wrongType: on the value, with the types allowed', () => {
    const text = withPartner('"Effect": "Allow"', '"Effect": ["Allow"]');
    assert.deepEqual(problemsOf(text).map((problem) => [problem.kind, problem.expectedTypes]), [['wrongType', ['string']]]);
    assert.deepEqual(problemsOf('{"Statement": 1}').map((problem) => [problem.kind, problem.expectedTypes]), [['wrongType', ['array', 'object']]]);
    assert.deepEqual(summary(withPartner(/ }$/, ', "Condition": { "Bool": { "aws:SecureTransport": {} } } }')), ['wrongType Statement.0.Condition.Bool.aws:SecureTransport {}']);
  });

  it('valueNotAllowed: Effect, Version and a principal string, with the schema\'s message', () => {
    assert.deepEqual(summary(withPartner('"Allow"', '"allow"')), ['valueNotAllowed Statement.0.Effect "allow"']);
    assert.deepEqual(problemsOf(withPartner('"Allow"', '"allow"'))[0].allowedValues, ['Allow', 'Deny']);
    assert.deepEqual(summary(policyWith().replace('2012-10-17', '2022-10-18')), ['valueNotAllowed Version "2022-10-18"']);
    assert.deepEqual(summary(withPartner('{ "AWS": "arn:aws:iam::210987654321:root" }', '"210987654321"')), ['valueNotAllowed Statement.0.Principal "210987654321"']);
    assert.match(problemsOf(withPartner('"Allow"', '"allow"'))[0].schemaMessage ?? '', /case-sensitive/);
  });

  it('invalidPropertyName: an unknown condition operator, on its key', () => {
    assert.deepEqual(summary(withPartner(/ }$/, ', "Condition": { "StringEqual": { "aws:PrincipalAccount": "210987654321" } } }')), ['invalidPropertyName Statement.0.Condition.StringEqual "StringEqual"']);
  });

  it('tooFewItems: an empty Statement array and an empty principal object', () => {
    assert.deepEqual(summary('{"Version": "2012-10-17", "Statement": []}'), ['tooFewItems Statement []']);
    assert.deepEqual(summary(withPartner('{ "AWS": "arn:aws:iam::210987654321:root" }', '{}')), ['tooFewItems Statement.0.Principal {}']);
  });

  it('accepts exactly the condition operators of the policy language', () => {
    const pattern = new RegExp(schema.definitions?.statement.properties?.Condition.propertyNames?.pattern ?? '');
    for (const operator of [...ALL_CONDITION_OPERATORS, 'ForAllValues:Null', 'ForAnyValue:Null']) {
      assert.ok(pattern.test(operator), operator);
    }
    for (const wrong of ['NullIfExists', 'ForAnyValue:NullIfExists', 'StringEqual', 'stringequals', 'ForAnyValues:StringLike', 'StringLikeIfExist', 'Bool ', '']) {
      assert.ok(!pattern.test(wrong), wrong);
    }
  });

  it('does not throw on a partial tree', () => {
    assert.doesNotThrow(() => problemsOf('{"Version": "2012-10-17", "Statement": [{"Effect": '));
  });
});

/**
 * Broken policies, each with the schema problems it holds and the one rule that must report each of
 * them. A problem is "claimed" by a finding on its node (the key of the second element for a
 * conflict, the opening brace for a missing element), or, for a missing element that a misspelt one
 * explains ("Principals"), by the finding on the misspelt key.
 */
const BROKEN: { name: string; text: string; claims: [string, string][] }[] = [
  { name: 'seed mistakes', text: withPartner('"Effect": "Allow", "Principal"', '"Effect": "allow", "Principals"').replace('2012-10-17', '2012 - 10 - 17'), claims: [
    ['valueNotAllowed Version', 'invalidVersion'], ['missingProperty Statement.0', 'unknownElement'], ['valueNotAllowed Statement.0.Effect', 'invalidEffect'], ['unknownProperty Statement.0.Principals', 'unknownElement'],
  ] },
  { name: 'a statement with nothing but a Sid', text: policyWith('{ "Sid": "Empty" }'), claims: [
    ['missingProperty Statement.0', 'missingElement'], ['missingProperty Statement.0', 'missingPrincipal'], ['missingProperty Statement.0', 'missingElement'], ['missingProperty Statement.0', 'missingElement'],
  ] },
  { name: 'every conflicting pair', text: withPartner('"Action"', '"NotPrincipal": "*", "NotAction": "s3:PutObject", "NotResource": "arn:aws:s3:::acme-web-assets/private/*", "Action"'), claims: [
    ['conflictingProperties Statement.0', 'conflictingElements'], ['conflictingProperties Statement.0', 'conflictingElements'], ['conflictingProperties Statement.0', 'conflictingElements'],
  ] },
  { name: 'wrong types and a bad principal', text: withPartner('"Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }', '"Effect": ["Allow"], "Principal": "210987654321", "Sid2": 1'), claims: [
    ['wrongType Statement.0.Effect', 'invalidType'], ['valueNotAllowed Statement.0.Principal', 'invalidPrincipal'], ['unknownProperty Statement.0.Sid2', 'unknownElement'],
  ] },
  { name: 'condition problems', text: withPartner(/ }$/, ', "Condition": { "StringEqual": { "aws:PrincipalAccount": "210987654321" }, "NullIfExists": { "aws:TokenIssueTime": "true" }, "Bool": { "aws:SecureTransport": null }, "StringLike": "x" } }'), claims: [
    ['invalidPropertyName Statement.0.Condition.StringEqual', 'invalidConditionOperator'], ['invalidPropertyName Statement.0.Condition.NullIfExists', 'invalidConditionOperator'],
    ['wrongType Statement.0.Condition.Bool.aws:SecureTransport', 'invalidType'], ['wrongType Statement.0.Condition.StringLike', 'invalidType'],
  ] },
  { name: 'an empty Statement array', text: '{"Version": "2012-10-17", "Statement": []}', claims: [['tooFewItems Statement', 'emptyStatement']] },
  { name: 'an empty principal and a lowercase principal type', text: withPartner('{ "AWS": "arn:aws:iam::210987654321:root" }', '{}').replace('"Sid": "PartnerRead"', '"Sid": "PartnerRead", "NotPrincipal": { "aws": "*" }'), claims: [
    ['conflictingProperties Statement.0', 'conflictingElements'], ['unknownProperty Statement.0.NotPrincipal.aws', 'unknownElement'], ['tooFewItems Statement.0.Principal', 'missingPrincipal'],
  ] },
  { name: 'top level', text: '{"version": "2012-10-17", "Statement": "everything", "Comment": "x"}', claims: [
    ['unknownProperty version', 'unknownElement'], ['wrongType Statement', 'invalidType'], ['unknownProperty Comment', 'unknownElement'],
  ] },
  { name: 'the get-bucket-policy wrapper', text: '{"Policy": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": []}"}', claims: [['missingProperty ', 'unknownElement'], ['unknownProperty Policy', 'unknownElement']] },
];

/** The rules that report schema problems. */
const SCHEMA_RULES = ['unknownElement', 'invalidType', 'missingElement', 'missingPrincipal', 'conflictingElements', 'emptyStatement', 'invalidVersion', 'invalidEffect', 'invalidPrincipal', 'invalidConditionOperator'];

/** True for a missing element that a misspelt one explains: the misspelt one's finding claims both. */
function isExplained(problem: SchemaProblem, problems: SchemaProblem[]): boolean {
  return problem.kind === 'missingProperty' && problems.some((other) => other.kind === 'unknownProperty' && explainsMissing([other], problem.path, problem.names ?? []));
}

/** Where the finding that claims a problem must be. */
function anchorOf(problem: SchemaProblem): string {
  if (problem.kind === 'missingProperty') {
    return `${problem.node.offset}:1`;
  }
  const node = problem.kind === 'conflictingProperties' ? objectMembers(problem.node).find((member) => member.name === problem.names?.[1])?.keyNode ?? problem.node : problem.node;
  return `${node.offset}:${node.length}`;
}

describe('every schema problem is reported by exactly one rule', () => {
  for (const { name, text, claims } of BROKEN) {
    it(name, () => {
      const problems = problemsOf(text);
      assert.deepEqual(problems.map((problem) => `${problem.kind} ${problem.path.join('.')}`), claims.map(([problem]) => problem));
      const findingsAt = new Map<string, string[]>();
      for (const finding of lint(text, coreSettings())) {
        const key = `${finding.offset}:${finding.length}`;
        findingsAt.set(key, [...(findingsAt.get(key) ?? []), finding.ruleId]);
      }
      const expectedAt = new Map<string, string[]>();
      problems.forEach((problem, index) => {
        if (!isExplained(problem, problems)) {
          const key = anchorOf(problem);
          expectedAt.set(key, [...(expectedAt.get(key) ?? []), claims[index][1]]);
        }
      });
      for (const [key, expected] of expectedAt) {
        assert.deepEqual((findingsAt.get(key) ?? []).sort(), expected.sort(), `findings at ${key}`);
      }
      for (const [key, ruleIds] of findingsAt) {
        assert.ok(expectedAt.has(key) || !ruleIds.some((ruleId) => SCHEMA_RULES.includes(ruleId)), `${ruleIds.join(', ')} at ${key} reports no schema problem`);
      }
      const explained = claims.filter((_, index) => isExplained(problems[index], problems)).map(([, rule]) => rule);
      assert.ok(explained.every((rule) => rule === 'unknownElement'), 'only a misspelt element explains a missing one');
    });
  }
});
