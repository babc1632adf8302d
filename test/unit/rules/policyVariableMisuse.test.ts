/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, HTTPS_ONLY_DENY, policyWith, underlined } from '../../helpers/policyTest';

const homeStatement = (resource: string, condition = '{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }') =>
  `{ "Sid": "Home", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/home/${resource}/*", "Condition": ${condition} }`;
const policy = (resource: string, condition?: string) => policyWith(homeStatement(resource, condition));
const withVersion = (version: string | undefined, resource: string) => `{
  ${version === undefined ? '' : `"Version": "${version}",\n  `}"Statement": [
    ${homeStatement(resource)},
    ${HTTPS_ONLY_DENY}
  ]
}`;

describe('policyVariableMisuse', () => {
  it('fires, as an error, on a variable without its closing brace, underlines it and adds the brace', () => {
    const text = policy('${aws:username');
    assert.deepEqual(underlined(text, 'policyVariableMisuse'), ['${aws:username/*']);
    assert.equal(findingsOf(text, 'policyVariableMisuse')[0].severity, 'error');
    assert.match(findingsOf(text, 'policyVariableMisuse')[0].message, /has no closing brace, so S3 reads it as literal text/);
    assert.equal(applyFix(text, 'policyVariableMisuse'), policy('${aws:username}'));
  });

  it('fires on spaces inside a variable and removes them', () => {
    assert.deepEqual(underlined(policy('${ aws:username }'), 'policyVariableMisuse'), ['${ aws:username }']);
    assert.equal(applyFix(policy('${ aws:username }'), 'policyVariableMisuse'), policy('${aws:username}'));
    assert.equal(applyFix(policy('${aws:username , \'guest\'}'), 'policyVariableMisuse'), policy('${aws:username, \'guest\'}'));
  });

  it('fires on an empty variable, without a fix', () => {
    assert.deepEqual(underlined(policy('${}'), 'policyVariableMisuse'), ['${}']);
    assert.deepEqual(findingsOf(policy('${}'), 'policyVariableMisuse')[0].fixes, []);
  });

  it('fires on a default value without single quotes and quotes it', () => {
    assert.match(findingsOf(policy('${aws:userid, anonymous}'), 'policyVariableMisuse')[0].message, /must be in single quotes/);
    assert.equal(applyFix(policy('${aws:userid, anonymous}'), 'policyVariableMisuse'), policy('${aws:userid, \'anonymous\'}'));
  });

  it('fires on a name that is no condition key, with did-you-mean, and on a multivalued key', () => {
    assert.equal(applyFix(policy('${aws:usrname}'), 'policyVariableMisuse'), policy('${aws:username}'));
    assert.match(findingsOf(policy('${aws:TagKeys}'), 'policyVariableMisuse')[0].message, /cannot be policy variables/);
  });

  it('fires on a variable in Action or Principal (Access Analyzer "Variable unsupported in element")', () => {
    const text = policyWith('{ "Sid": "Own", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${aws:PrincipalAccount}:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }');
    assert.deepEqual(underlined(text, 'policyVariableMisuse'), ['${aws:PrincipalAccount}']);
    assert.match(findingsOf(text, 'policyVariableMisuse')[0].message, /only in Resource and in Condition values; in Principal/);
  });

  it('fires on a variable with an operator other than String and Arn ones', () => {
    const text = policy('${aws:username}', '{ "NumericLessThan": { "aws:MultiFactorAuthAge": "${aws:TokenIssueTime}" } }');
    assert.deepEqual(underlined(text, 'policyVariableMisuse'), ['${aws:TokenIssueTime}']);
    assert.match(findingsOf(text, 'policyVariableMisuse')[0].message, /only with String and Arn operators; with NumericLessThan/);
  });

  it('fires on a variable when Version is 2008-10-17, with the version fix, or missing', () => {
    const legacy = withVersion('2008-10-17', '${aws:username}');
    assert.deepEqual(underlined(legacy, 'policyVariableMisuse'), ['${aws:username}']);
    assert.match(findingsOf(legacy, 'policyVariableMisuse')[0].message, /^Version is "2008-10-17", so S3 reads "\$\{aws:username\}" as literal text/);
    assert.equal(applyFix(legacy, 'policyVariableMisuse'), withVersion('2012-10-17', '${aws:username}'));
    const missing = withVersion(undefined, '${aws:username}');
    assert.match(findingsOf(missing, 'policyVariableMisuse')[0].message, /^The policy has no Version.*Add "Version": "2012-10-17"\./);
    assert.deepEqual(findingsOf(missing, 'policyVariableMisuse')[0].fixes, []);
  });

  it('stays silent on well-formed variables where they work, on escapes, and on template text it leaves to placeholder', () => {
    for (const resource of ['${aws:username}', '${aws:PrincipalTag/team}', '${aws:userid, \'anonymous\'}', '${s3:prefix}', 'literal${*}${?}${$}', '${BucketName}', '${AWS::AccountId}', 'costs-$5']) {
      assert.deepEqual(findingsOf(policy(resource, '{ "StringLike": { "s3:ExistingObjectTag/owner": "${aws:username}" }, "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:role/*" } }'), 'policyVariableMisuse'), [], resource);
    }
  });

  it('still reports in a document that does not parse', () => {
    assert.deepEqual(underlined(policy('${ aws:username }').slice(0, -1), 'policyVariableMisuse'), ['${ aws:username }']);
  });
});
