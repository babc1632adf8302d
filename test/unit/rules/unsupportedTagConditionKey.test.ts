/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixTitles, lint, policyWith, underlined } from '../../helpers/policyTest';

const RULE = 'unsupportedTagConditionKey';

const policy = (effect: string, actions: string, condition: string, element = 'Action') => policyWith(
  `{ "Sid": "Tagged", "Effect": "${effect}", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "${element}": ${actions}, "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": ${condition} }`,
);

/** A NotAction that leaves out every S3 action that sends aws:RequestTag/… and aws:TagKeys (Access Grants, Batch jobs, Storage Lens, access points, buckets, TagResource). */
const NOT_REQUEST_TAG_ACTIONS = '["s3:*AccessGrant*", "s3:*Job*", "s3:*StorageLens*", "s3:CreateAccessPoint", "s3:CreateBucket", "s3:GetDataAccess", "s3:*TagResource", "s3:ListTagsForResource"]';

describe('unsupportedTagConditionKey', () => {
  it('fires as information on an Allow whose actions never send the request tag, underlining the key, with the s3: object tag key as fix', () => {
    const text = policy('Allow', '"s3:PutObject"', '{ "StringEquals": { "aws:RequestTag/project": "apollo" } }');
    assert.deepEqual(underlined(text, RULE), ['"aws:RequestTag/project"']);
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.severity, 'information');
    assert.equal(finding.message, 'None of this statement\'s actions (s3:PutObject) sends "aws:RequestTag/project" in its requests, so this condition is never true for them and the Allow grants none of them. s3:PutObject sends the object tags of the request as "s3:RequestObjectTag/project": use that key.');
    assert.deepEqual(fixTitles(text, RULE), [['Change to "s3:RequestObjectTag/project" (preferred)']]);
  });

  it('fires as a warning on a Deny: never applies with a positive operator, refuses everything with a negated one', () => {
    const never = findingsOf(policy('Deny', '["s3:PutObject", "s3:PutObjectTagging"]', '{ "StringEquals": { "aws:RequestTag/class": "secret" } }'), RULE);
    assert.equal(never.length, 1);
    assert.equal(never[0].severity, 'warning');
    assert.match(never[0].message, /\(s3:PutObject, s3:PutObjectTagging\) sends "aws:RequestTag\/class".*never true for them and the Deny never applies to them\. s3:PutObject, s3:PutObjectTagging send the object tags/);
    const always = findingsOf(policy('Deny', '"s3:PutObject"', '{ "StringNotEquals": { "aws:RequestTag/project": ["apollo", "gemini"] } }'), RULE);
    assert.equal(always[0].severity, 'warning');
    assert.match(always[0].message, /always true for them and the Deny refuses all of their requests, whatever their tags/);
  });

  it('warns on an Allow the missing key makes unconditional (ForAllValues:, IfExists)', () => {
    const [forAll] = findingsOf(policy('Allow', '"s3:PutObject"', '{ "ForAllValues:StringEquals": { "aws:TagKeys": ["project", "owner"] } }'), RULE);
    assert.equal(forAll.severity, 'warning');
    assert.match(forAll.message, /always true for them and the Allow grants them without checking any tag\. s3:PutObject sends the object tag keys of the request as "s3:RequestObjectTagKeys"/);
    assert.equal(findingsOf(policy('Allow', '"s3:PutObject"', '{ "StringEqualsIfExists": { "aws:RequestTag/project": "apollo" } }'), RULE)[0].severity, 'warning');
  });

  it('fires on NotAction when it leaves out every action that sends the key, with the Allow and Deny severities', () => {
    const allow = findingsOf(policy('Allow', NOT_REQUEST_TAG_ACTIONS, '{ "StringEquals": { "aws:RequestTag/project": "apollo" } }', 'NotAction'), RULE);
    assert.deepEqual(allow.map((finding) => finding.severity), ['information']);
    assert.match(allow[0].message, /S3 sends it with s3:CreateBucket, s3:CreateAccessPoint, s3:TagResource, …: move the condition to a statement with such actions, or remove it\. s3:BypassGovernanceRetention, s3:PutObject, s3:PutObjectTagging, … send the object tags of the request as "s3:RequestObjectTag\/project"\.$/);
    assert.deepEqual(allow[0].fixes, []);
    const deny = policy('Deny', NOT_REQUEST_TAG_ACTIONS, '{ "ForAnyValue:StringEquals": { "aws:TagKeys": ["project"] } }', 'NotAction');
    assert.deepEqual(findingsOf(deny, RULE).map((finding) => finding.severity), ['warning']);
    assert.deepEqual(underlined(deny, RULE), ['"aws:TagKeys"']);
  });

  it('fires on aws:ResourceTag with actions tied to no tagged resource', () => {
    assert.deepEqual(underlined(policy('Deny', '"s3:ListAllMyBuckets"', '{ "StringNotEquals": { "aws:ResourceTag/team": "data" } }'), RULE), ['"aws:ResourceTag/team"']);
  });

  it('stays silent when any listed, matched or left-out action sends the key', () => {
    for (const [effect, actions, condition, element] of [
      ['Allow', '"s3:GetObject"', '{ "StringEquals": { "aws:ResourceTag/team": "data" } }', 'Action'],
      ['Deny', '"s3:ListBucket"', '{ "StringNotEquals": { "aws:ResourceTag/team": "data" } }', 'Action'],
      ['Allow', '"s3:CreateBucket"', '{ "StringEquals": { "aws:RequestTag/project": "apollo" } }', 'Action'],
      ['Deny', '"s3:*"', '{ "StringNotEquals": { "aws:RequestTag/project": "apollo" } }', 'Action'],
      ['Deny', '"*"', '{ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["project"] } }', 'Action'],
      ['Allow', '["s3:PutObject", "s3:TagResource"]', '{ "ForAllValues:StringEquals": { "aws:TagKeys": ["project"] } }', 'Action'],
      ['Deny', '"s3:GetObject"', '{ "StringNotEquals": { "aws:RequestTag/project": "apollo" } }', 'NotAction'],
      ['Allow', '"s3:PutObject"', '{ "StringEquals": { "s3:RequestObjectTag/project": "apollo" } }', 'Action'],
      ['Allow', '"s3:PutObject"', '{ "StringEquals": { "aws:PrincipalTag/project": "apollo" } }', 'Action'],
      ['Allow', '"kms:Decrypt"', '{ "StringEquals": { "aws:RequestTag/project": "apollo" } }', 'Action'],
    ] as const) {
      assert.deepEqual(findingsOf(policy(effect, actions, condition, element), RULE), [], `${effect} ${element} ${actions} ${condition}`);
    }
  });

  it('renames only the key: the fixed policy is clean of this rule and of unsupportedActionForConditionKey', () => {
    const text = policy('Deny', '"s3:PutObject"', '{ "StringNotEquals": { "aws:RequestTag/project": "apollo" }, "ForAllValues:StringEquals": { "aws:TagKeys": ["project", "owner"] } }');
    const once = applyFix(text, RULE);
    assert.equal(once, text.replace('"aws:RequestTag/project"', '"s3:RequestObjectTag/project"'));
    const fixed = applyFix(once, RULE);
    assert.equal(fixed, once.replace('"aws:TagKeys"', '"s3:RequestObjectTagKeys"'));
    assert.deepEqual(lint(fixed).filter((finding) => finding.ruleId === RULE || finding.ruleId === 'unsupportedActionForConditionKey'), []);
  });

  it('offers no fix when another object write of the statement sends no object tags, or when the operator already has the key', () => {
    const withDelete = findingsOf(policy('Allow', '["s3:PutObject", "s3:DeleteObject"]', '{ "StringEquals": { "aws:RequestTag/project": "apollo" } }'), RULE);
    assert.deepEqual(withDelete[0].fixes, []);
    assert.match(withDelete[0].message, /use that key, and move s3:DeleteObject to another statement \(it sends no object tags\)\./);
    assert.deepEqual(fixTitles(policy('Allow', '["s3:PutObject", "s3:GetObject"]', '{ "StringEquals": { "aws:RequestTag/project": "apollo" } }'), RULE), [['Change to "s3:RequestObjectTag/project" (preferred)']]);
    assert.deepEqual(fixTitles(policy('Allow', '"s3:PutObject"', '{ "StringEquals": { "aws:RequestTag/project": "apollo", "s3:RequestObjectTag/project": "apollo" } }'), RULE), [[]]);
    assert.deepEqual(fixTitles(policy('Allow', '"s3:GetObject"', '{ "StringEquals": { "aws:RequestTag/project": "apollo" } }'), RULE), [[]]);
  });
});
