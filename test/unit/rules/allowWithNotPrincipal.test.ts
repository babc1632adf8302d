/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const statement = (effect: string, condition = '') => policyWith(`{ "Sid": "AllButAuditor", "Effect": "${effect}", "NotPrincipal": { "AWS": "arn:aws:iam::210987654321:role/Auditor" }, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::acme-web-assets/*"${condition} }`);

describe('allowWithNotPrincipal', () => {
  it('fires, as a warning on "NotPrincipal", and says what becomes public', () => {
    const text = statement('Allow');
    assert.deepEqual(underlined(text, 'allowWithNotPrincipal'), ['"NotPrincipal"']);
    const [finding] = findingsOf(text, 'allowWithNotPrincipal');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /every principal except.*anonymous.*anyone on the internet, without credentials, can write and delete \(s3:PutObject\) and read \(s3:GetObject\)/);
  });

  it('fires with a restricting condition too, without the public-access sentence', () => {
    const [finding] = findingsOf(statement('Allow', ', "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }'), 'allowWithNotPrincipal');
    assert.doesNotMatch(finding.message, /anyone on the internet/);
  });

  it('stays silent on Deny with NotPrincipal', () => {
    assert.deepEqual(findingsOf(statement('Deny'), 'allowWithNotPrincipal'), []);
  });

  it('asks the evaluator whom it allows: a NotPrincipal that lists everyone grants nothing, and says so', () => {
    const text = policyWith('{ "Sid": "Nobody", "Effect": "Allow", "NotPrincipal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }');
    assert.deepEqual(underlined(text, 'allowWithNotPrincipal'), ['"NotPrincipal"']);
    assert.match(findingsOf(text, 'allowWithNotPrincipal')[0].message, /lists everyone, so the statement grants nothing/);
  });

  it('says what becomes public in S3\'s meaning of public: a /8 range restricts, a /7 does not', () => {
    const condition = (range: string) => `, "Condition": { "IpAddress": { "aws:SourceIp": "${range}" } }`;
    assert.doesNotMatch(findingsOf(statement('Allow', condition('10.0.0.0/8')), 'allowWithNotPrincipal')[0].message, /anyone on the internet/);
    assert.match(findingsOf(statement('Allow', condition('10.0.0.0/7')), 'allowWithNotPrincipal')[0].message, /anyone on the internet/);
  });
});
