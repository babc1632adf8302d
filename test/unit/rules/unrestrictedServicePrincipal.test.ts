/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, policyWith, underlined } from '../../helpers/policyTest';

const grant = (service: string, resource: string, condition = '') => policyWith(`{ "Sid": "ServiceWrite", "Effect": "Allow", "Principal": { "Service": ${JSON.stringify(service)} }, "Action": "s3:PutObject", "Resource": ${JSON.stringify(resource)}${condition} }`);

describe('unrestrictedServicePrincipal', () => {
  it('fires, as a warning on the service, when nothing ties it to your resources', () => {
    const text = grant('logging.s3.amazonaws.com', 'arn:aws:s3:::acme-web-assets/logs/*');
    assert.deepEqual(underlined(text, 'unrestrictedServicePrincipal'), ['logging.s3.amazonaws.com']);
    const [finding] = findingsOf(text, 'unrestrictedServicePrincipal');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /no aws:SourceArn or aws:SourceAccount.*confused deputy.*aws:SourceAccount/);
  });

  it('fires on each service of a list, and when other conditions do not name the source', () => {
    const text = policyWith('{ "Sid": "ServiceWrite", "Effect": "Allow", "Principal": { "Service": ["delivery.logs.amazonaws.com", "cloudtrail.amazonaws.com"] }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-web-assets/logs/*", "Condition": { "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control" } } }');
    assert.deepEqual(underlined(text, 'unrestrictedServicePrincipal'), ['delivery.logs.amazonaws.com', 'cloudtrail.amazonaws.com']);
  });

  for (const [key, value] of [['aws:SourceArn', 'arn:aws:s3:::acme-source-data'], ['aws:SourceAccount', '210987654321'], ['AWS:SourceArn', 'arn:aws:cloudfront::210987654321:distribution/E1A2B3C4D5F6G7'], ['aws:SourceOrgID', 'o-a1b2c3d4e5']]) {
    it(`stays silent with a condition on ${key}`, () => {
      assert.deepEqual(findingsOf(grant('logging.s3.amazonaws.com', 'arn:aws:s3:::acme-web-assets/logs/*', `, "Condition": { "StringEquals": { "${key}": "${value}" } }`), 'unrestrictedServicePrincipal'), []);
    });
  }

  it('stays silent when every resource is under AWSLogs/<account-id>/ (ELB access logs)', () => {
    assert.deepEqual(findingsOf(grant('logdelivery.elasticloadbalancing.amazonaws.com', 'arn:aws:s3:::acme-web-assets/alb/AWSLogs/210987654321/*'), 'unrestrictedServicePrincipal'), []);
    assert.equal(findingsOf(grant('logdelivery.elasticloadbalancing.amazonaws.com', 'arn:aws:s3:::acme-web-assets/alb/*'), 'unrestrictedServicePrincipal').length, 1);
  });

  it('stays silent on Deny and on AWS principals', () => {
    assert.deepEqual(findingsOf(policyWith('{ "Sid": "NoDelete", "Effect": "Deny", "Principal": { "Service": "logging.s3.amazonaws.com" }, "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }'), 'unrestrictedServicePrincipal'), []);
    assert.deepEqual(findingsOf(policyWith('{ "Sid": "Partner", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-web-assets/*" }'), 'unrestrictedServicePrincipal'), []);
  });

  it('leaves a malformed service principal to invalidPrincipal (one finding, not two)', () => {
    const text = grant('cloudfront', 'arn:aws:s3:::acme-web-assets/*');
    assert.deepEqual(findingsOf(text, 'unrestrictedServicePrincipal'), []);
    assert.equal(findingsOf(text, 'invalidPrincipal').length, 1);
    assert.equal(findingsOf(grant('cloudfront.amazonaws.com', 'arn:aws:s3:::acme-web-assets/*'), 'unrestrictedServicePrincipal').length, 1);
  });
});
