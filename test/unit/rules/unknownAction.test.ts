/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { s3ActionNames } from '../../../server/src/service/data/awsData';
import { applyFix, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const policy = (action: string) => policyWith(
  `{ "Sid": "ReadWrite", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:role/app" }, "Action": ${action}, "Resource": ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"] }`,
);

describe('unknownAction', () => {
  it('fires on a typo, underlines the whole string and offers the closest action', () => {
    const text = policy('["s3:ListBucket", "s3:GetObjekt"]');
    assert.deepEqual(underlined(text, 'unknownAction'), ['"s3:GetObjekt"']);
    const [finding] = findingsOf(text, 'unknownAction');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /Did you mean "s3:GetObject"\?/);
    assert.equal(applyFix(text, 'unknownAction'), policy('["s3:ListBucket", "s3:GetObject"]'));
  });

  it('names an API operation and fixes it to the action that authorises it', () => {
    const cases: [string, string][] = [
      ['s3:CreateMultipartUpload', 's3:PutObject'],
      ['s3:HeadObject', 's3:GetObject'],
      ['s3:HeadBucket', 's3:ListBucket'],
      ['s3:ListObjectsV2', 's3:ListBucket'],
      ['s3:GetBucketLifecycle', 's3:GetLifecycleConfiguration'],
      ['s3:DeleteObjects', 's3:DeleteObject'],
    ];
    for (const [operation, action] of cases) {
      const text = policy(JSON.stringify(operation));
      const [finding] = findingsOf(text, 'unknownAction');
      assert.ok(finding, operation);
      assert.match(finding.message, new RegExp(`^${operation.slice(3)} is an API operation, not an IAM action; it is authorised by ${action}`));
      assert.equal(applyFix(text, 'unknownAction'), policy(JSON.stringify(action)));
    }
  });

  it('keeps the prefix as written when fixing an API operation name', () => {
    assert.equal(applyFix(policy('"S3:UploadPart"'), 'unknownAction'), policy('"S3:PutObject"'));
  });

  it('fires on a wildcard that matches no action, without a fix', () => {
    const text = policy('"s3:Gett*"');
    assert.deepEqual(underlined(text, 'unknownAction'), ['"s3:Gett*"']);
    assert.deepEqual(findingsOf(text, 'unknownAction')[0].fixes, []);
  });

  it('fires on a name missing its prefix and fixes it', () => {
    assert.deepEqual(underlined(policy('"GetObject"'), 'unknownAction'), ['"GetObject"']);
    assert.equal(applyFix(policy('"GetObject"'), 'unknownAction'), policy('"s3:GetObject"'));
    assert.equal(applyFix(policy('"HeadBucket"'), 'unknownAction'), policy('"s3:ListBucket"'));
    assert.equal(applyFix(policy('"Get*"'), 'unknownAction'), policy('"s3:Get*"'));
    assert.deepEqual(findingsOf(policy('"Frobnicate"'), 'unknownAction')[0].fixes, []);
  });

  it('fires on an empty action name and a space inside the name', () => {
    assert.deepEqual(underlined(policy('"s3:"'), 'unknownAction'), ['"s3:"']);
    assert.equal(applyFix(policy('"s3:Get Object"'), 'unknownAction'), policy('"s3:GetObject"'));
  });

  it('offers every equally close action, none preferred, when the typo is ambiguous', () => {
    const [finding] = findingsOf(policy('"s3:PutBucket"'), 'unknownAction');
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.isPreferred]), [['Change to "s3:ListBucket"', false], ['Change to "s3:PutBucketAcl"', false]]);
  });

  it('offers a one-letter typo fix besides the action behind an API operation', () => {
    const [finding] = findingsOf(policy('"s3:ListBuckets"'), 'unknownAction');
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.isPreferred]), [['Change to "s3:ListAllMyBuckets"', true], ['Change to "s3:ListBucket"', false]]);
    assert.equal(applyFix(policy('"s3:ListBuckets"'), 'unknownAction', 'Change to "s3:ListBucket"'), policy('"s3:ListBucket"'));
  });

  it('checks NotAction and wildcard service prefixes that match s3', () => {
    assert.deepEqual(underlined(policy('"s3:GetObjekt"').replace('"Action"', '"NotAction"'), 'unknownAction'), ['"s3:GetObjekt"']);
    assert.deepEqual(underlined(policy('"s*:Frobnicate"'), 'unknownAction'), ['"s*:Frobnicate"']);
  });

  it('stays silent on real actions in any case, wildcards that match, "*" and other services', () => {
    for (const action of ['"s3:GetObject"', '"s3:getobject"', '"S3:ListBucket"', '"s3:Get*"', '"s3:*"', '"*"', '"s3:Get?bject"', '"kms:Decrypt"', '"s3: GetObject"']) {
      assert.deepEqual(findingsOf(policy(action), 'unknownAction'), [], action);
    }
  });

  it('accepts every S3 action in the data', () => {
    const text = policy(JSON.stringify(s3ActionNames().map((name) => `s3:${name}`), null, 2));
    assert.deepEqual(findingsOf(text, 'unknownAction'), []);
  });

  it('on a half-typed document, reports typos away from the error but not the string being typed', () => {
    assert.deepEqual(findingsOf(policy('"s3:GetObj\n'), 'unknownAction'), []);
    const brokenElsewhere = policy('"s3:GetObjekt"').replace('"Sid": "ReadWrite",', '"Sid": "ReadWrite"');
    assert.deepEqual(underlined(brokenElsewhere, 'unknownAction'), ['"s3:GetObjekt"']);
  });
  it('offers suggestions for the first 200 unknown names of a document only, so a hostile document stays cheap', () => {
    const longNames = s3ActionNames().filter((name) => name.length >= 12);
    const typos = [1, 2, 3].flatMap((at) => longNames.map((name) => `"s3:${name.slice(0, at)}q${name.slice(at)}"`)).slice(0, 250);
    assert.equal(typos.length, 250);
    const findings = findingsOf(policy(`[${typos.join(', ')}]`), 'unknownAction');
    assert.equal(findings.length, 250);
    assert.equal(findings.filter((finding) => finding.message.includes('Did you mean')).length, 200);
    assert.ok(findings.slice(200).every((finding) => finding.fixes.length === 0));
  });
});
