/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertClean, findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const RULE = 'unsupportedServicePrincipalConditionKey';
const TRAIL = 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/org-trail';

const statement = (principal: string, condition: string, effect = 'Allow') =>
  `{ "Sid": "TrailWrite", "Effect": "${effect}", "Principal": ${principal}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-web-assets/AWSLogs/*", "Condition": ${condition} }`;
const policy = (principal: string, condition: string, effect = 'Allow') => policyWith(statement(principal, condition, effect));
const CLOUDTRAIL = '{ "Service": "cloudtrail.amazonaws.com" }';

describe('unsupportedServicePrincipalConditionKey', () => {
  it('fires, as an error, on aws:PrincipalOrgID with a service principal, underlining the key and saying what to use', () => {
    const text = policy(CLOUDTRAIL, `{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:SourceArn": "${TRAIL}" } }`);
    assert.deepEqual(underlined(text, RULE), ['aws:PrincipalOrgID']);
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /^Requests from "cloudtrail\.amazonaws\.com" never carry "aws:PrincipalOrgID": only the users, roles, federated users and root users of accounts in an AWS organization carry it/);
    assert.match(finding.message, /The condition is therefore never true, and the statement grants the service nothing\./);
    assert.match(finding.message, /use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths, which name the resource, account or organization the service acts for\.$/);
    assert.deepEqual(finding.fixes, []);
  });

  it('gives the exact range of the key as written, in any case, and one finding per listed key', () => {
    const text = policy(CLOUDTRAIL, '{ "StringEquals": { "AWS:principalorgid": "o-a1b2c3d4e5", "aws:SourceAccount": "210987654321" }, "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"] }, "StringEqualsIfExists": { "aws:PrincipalTag/team": "logging" } }');
    assert.deepEqual(underlined(text, RULE), ['AWS:principalorgid', 'aws:PrincipalOrgPaths', 'aws:PrincipalTag/team']);
  });

  it('says what the missing key does for each effect and operator', () => {
    const message = (condition: string, effect?: string) => findingsOf(policy(CLOUDTRAIL, condition, effect), RULE)[0].message;
    assert.match(message('{ "StringNotEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }', 'Deny'),
      /always true for the service and restricts nothing: the Deny applies to the service as if it were not there\./);
    assert.match(message('{ "StringEquals": { "aws:username": "alice" } }', 'Deny'), /never true, and the Deny never applies to the service\./);
    assert.match(message('{ "BoolIfExists": { "aws:MultiFactorAuthPresent": "true" } }'), /always true for the service and restricts nothing: the Allow applies as if it were not there\./);
    assert.match(message('{ "Null": { "aws:TokenIssueTime": "false" } }'), /never true, and the statement grants the service nothing/);
    assert.match(message('{ "Null": { "aws:PrincipalOrgID": ["true", "false"] } }'), /The condition therefore never sees a value\./);
  });

  it('names every service of the Principal', () => {
    const text = policy('{ "Service": ["cloudtrail.amazonaws.com", "config.amazonaws.com", "logging.s3.amazonaws.com"] }', '{ "ForAnyValue:StringEquals": { "aws:CalledVia": "athena.amazonaws.com" } }');
    assert.match(findingsOf(text, RULE)[0].message, /^Requests from "cloudtrail\.amazonaws\.com", "config\.amazonaws\.com" and 1 more never carry "aws:CalledVia"/);
    assert.match(findingsOf(policy('{ "Service": ["cloudtrail.amazonaws.com", "config.amazonaws.com"] }', '{ "StringEquals": { "aws:SourceIdentity": "alice" } }'), RULE)[0].message,
      /^Requests from "cloudtrail\.amazonaws\.com" and "config\.amazonaws\.com" never carry .*grants these services nothing/);
  });

  it('is silent with the keys a service principal does send', () => {
    assertClean(policy(CLOUDTRAIL, `{ "StringEquals": { "aws:SourceAccount": "210987654321", "s3:x-amz-acl": "bucket-owner-full-control" }, "ArnLike": { "aws:SourceArn": "${TRAIL}" } }`));
    assertClean(policy(CLOUDTRAIL, '{ "StringEquals": { "aws:SourceOrgID": "o-a1b2c3d4e5" } }'));
    for (const condition of [
      '{ "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "o-a1b2c3d4e5/*" }, "StringEquals": { "aws:SourceAccount": "210987654321" } }',
      '{ "StringEquals": { "aws:SourceAccount": "210987654321", "aws:PrincipalServiceName": "cloudtrail.amazonaws.com", "aws:PrincipalAccount": "210987654321" } }',
      '{ "StringEquals": { "aws:SourceAccount": "210987654321" }, "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } }',
      '{ "StringEquals": { "aws:SourceAccount": "210987654321", "aws:SourceVpce": "vpce-1a2b3c4d" } }',
      '{ "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::210987654321:role/*" }, "StringEquals": { "aws:SourceAccount": "210987654321" } }',
      '{ "StringLike": { "aws:referer": "https://acme.example/*", "aws:userid": "AROA*" }, "StringEquals": { "aws:SourceAccount": "210987654321" } }',
    ]) {
      assert.deepEqual(findingsOf(policy(CLOUDTRAIL, condition), RULE), [], condition);
    }
  });

  it('is silent unless every principal of the statement is a well-formed service principal', () => {
    const condition = '{ "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }';
    for (const principal of [
      '"*"',
      '{ "AWS": "*" }',
      '{ "AWS": "arn:aws:iam::210987654321:root" }',
      '{ "Service": "cloudtrail.amazonaws.com", "AWS": "arn:aws:iam::210987654321:root" }',
      '{ "Service": ["cloudtrail.amazonaws.com", "cloudtrail"] }',
      '{ "Service": [] }',
    ]) {
      assert.deepEqual(findingsOf(policy(principal, condition), RULE), [], principal);
    }
    const notPrincipal = policyWith(`{ "Sid": "DenyOthers", "Effect": "Deny", "NotPrincipal": ${CLOUDTRAIL}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-web-assets/*", "Condition": ${condition} }`);
    assert.deepEqual(findingsOf(notPrincipal, RULE), []);
  });

  it('leaves keys it does not know to unknownConditionKey', () => {
    assert.deepEqual(findingsOf(policy(CLOUDTRAIL, '{ "StringEquals": { "aws:PrincipalOrgId2": "o-a1b2c3d4e5", "aws:SourceAccount": "210987654321" } }'), RULE), []);
  });
});
