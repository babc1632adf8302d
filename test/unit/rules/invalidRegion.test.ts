/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownRegions } from '../../../server/src/service/data/regions';
import { applyFix, assertClean, findingsOf, fixTitles, policyWith, underlined } from '../../helpers/policyTest';

const BUCKET = '["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"]';

/** A Deny of everything outside the Regions listed, the usual use of aws:RequestedRegion. */
const denyOutside = (values: unknown, operator = 'StringNotEquals', key = 'aws:RequestedRegion') => policyWith(
  `{ "Sid": "DenyOutsideRegions", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ${BUCKET}, "Condition": { "${operator}": { "${key}": ${JSON.stringify(values)} } } }`,
);

/** A service principal allowed to write when the request comes from the resource `arn`. */
const serviceWrite = (arn: string, key = 'aws:SourceArn', operator = 'ArnLike') => policyWith(
  `{ "Sid": "TrailWrite", "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-web-assets/AWSLogs/210987654321/*", "Condition": { "${operator}": { "${key}": ${JSON.stringify(arn)} } } }`,
);

describe('invalidRegion', () => {
  const fixable: [string, string, string][] = [
    ['a missing hyphen', 'us-east1', 'us-east-1'],
    ['capitals', 'US-EAST-1', 'us-east-1'],
    ['a hyphen in the wrong place', 'useast-1', 'us-east-1'],
    ['underscores and capitals', 'EU_CENTRAL_1', 'eu-central-1'],
    ['a space before it', ' ap-southeast-2', 'ap-southeast-2'],
    ['an Availability Zone', 'us-east-1a', 'us-east-1'],
    ['a Local Zone', 'us-west-2-lax-1a', 'us-west-2'],
  ];
  for (const [what, value, fixed] of fixable) {
    it(`reports ${what} (${JSON.stringify(value)}) as an error on the value and fixes it to ${fixed}`, () => {
      const text = denyOutside(['eu-west-1', value]);
      assert.deepEqual(underlined(text, 'invalidRegion'), [value]);
      const [finding] = findingsOf(text, 'invalidRegion');
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, new RegExp(`^"${value}" is not an AWS Region: .*, so "aws:RequestedRegion" never has this value\\. Write "${fixed}"\\.$`));
      assert.deepEqual(fixTitles(text, 'invalidRegion'), [[`Change to "${fixed}" (preferred)`]]);
      assert.equal(applyFix(text, 'invalidRegion'), denyOutside(['eu-west-1', fixed]));
    });
  }

  it('says what an Availability Zone, an Availability Zone ID and a global endpoint are', () => {
    const messages = findingsOf(denyOutside(['us-east-1a', 'use1-az4', 'aws-global', 'europe']), 'invalidRegion').map((finding) => finding.message);
    assert.match(messages[0], /it is an Availability Zone of us-east-1/);
    assert.match(messages[1], /^"use1-az4" is not an AWS Region: it is an Availability Zone ID, so/);
    assert.match(messages[2], /it names the global endpoint of a partition, not a Region/);
    assert.match(messages[3], /^"europe" is not an AWS Region \(Region codes look like us-east-1 or eu-central-1\), so "aws:RequestedRegion" never has this value\.$/);
    assert.deepEqual(fixTitles(denyOutside(['use1-az4', 'aws-global', 'europe']), 'invalidRegion'), [[], [], []]);
  });

  it('warns, without a fix, on a Region of the right form that the list does not have (perhaps a newer one)', () => {
    const text = denyOutside(['us-east-3']);
    const [finding] = findingsOf(text, 'invalidRegion');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^"us-east-3" has the form of a Region of the aws partition, but no such Region is in this extension's list \(@aws-sdk\/core \d+\.\d+\.\d+\)\. If it is a Region opened since, ignore this warning; otherwise correct it\.$/);
    assert.deepEqual(fixTitles(text, 'invalidRegion'), [[]]);
  });

  it('offers, but does not prefer, the Region a typo most likely meant', () => {
    for (const [typo, meant] of [['us-esat-1', 'us-east-1'], ['eu-centrl-1', 'eu-central-1'], ['cn-nrth-1', 'cn-north-1']]) {
      const text = denyOutside([typo]);
      const [finding] = findingsOf(text, 'invalidRegion');
      assert.equal(finding.severity, 'warning', typo);
      assert.match(finding.message, new RegExp(`Did you mean "${meant}"\\?$`));
      assert.deepEqual(fixTitles(text, 'invalidRegion'), [[`Change to "${meant}"`]]);
      assert.equal(applyFix(text, 'invalidRegion', `Change to "${meant}"`), denyOutside([meant]));
    }
  });

  it('stays silent on every known Region of every partition', () => {
    const regions = knownRegions();
    for (const region of ['us-east-1', 'eu-west-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1', 'us-iso-east-1', 'us-isob-east-1', 'eusc-de-east-1']) {
      assert.ok(regions.includes(region), region);
    }
    assert.deepEqual(findingsOf(denyOutside(regions), 'invalidRegion'), []);
    assert.deepEqual(findingsOf(denyOutside(regions, 'StringEquals', 's3:LocationConstraint'), 'invalidRegion'), []);
  });

  it('leaves patterns, policy variables and values compared without case alone', () => {
    for (const [values, operator] of [
      [['us-*', 'eu-west-?', '*'], 'StringNotLike'],
      [['${aws:RequestedRegion}'], 'StringNotEquals'],
      [['US-EAST-1', 'Eu-West-1'], 'StringNotEqualsIgnoreCase'],
    ] as const) {
      assert.deepEqual(findingsOf(denyOutside(values, operator), 'invalidRegion'), [], operator);
    }
    assert.deepEqual(underlined(denyOutside(['US-EAST1'], 'StringNotEqualsIgnoreCase'), 'invalidRegion'), ['US-EAST1']);
  });

  it('accepts EU, the legacy location constraint of eu-west-1, for s3:LocationConstraint only', () => {
    assert.deepEqual(findingsOf(denyOutside(['EU', 'eu-west-1'], 'StringNotEquals', 's3:LocationConstraint'), 'invalidRegion'), []);
    assert.deepEqual(findingsOf(denyOutside(['eu'], 'StringNotEqualsIgnoreCase', 's3:LocationConstraint'), 'invalidRegion'), []);
    const text = denyOutside(['eu'], 'StringNotEquals', 's3:LocationConstraint');
    assert.match(findingsOf(text, 'invalidRegion')[0].message, /^"eu" is not a location constraint S3 sends: the legacy name of eu-west-1 is written "EU"/);
    assert.equal(applyFix(text, 'invalidRegion'), denyOutside(['EU'], 'StringNotEquals', 's3:LocationConstraint'));
    assert.deepEqual(underlined(denyOutside(['EU']), 'invalidRegion'), ['EU']);
  });

  it('checks s3:destinationRegion', () => {
    assert.deepEqual(underlined(denyOutside('us-west2', 'StringEquals', 's3:destinationRegion'), 'invalidRegion'), ['us-west2']);
  });

  it('reports the Region of an ARN in a condition, underlines that field and fixes the whole ARN', () => {
    const text = serviceWrite('arn:aws:cloudtrail:us-east1:210987654321:trail/management-events');
    assert.deepEqual(underlined(text, 'invalidRegion'), ['us-east1']);
    assert.match(findingsOf(text, 'invalidRegion')[0].message, /^"us-east1" is not an AWS Region: .*, so this ARN names no resource\. Write "us-east-1"\.$/);
    assert.equal(applyFix(text, 'invalidRegion'), serviceWrite('arn:aws:cloudtrail:us-east-1:210987654321:trail/management-events'));
  });

  it('reads ARN-typed keys with String operators, and Arn operators on any key', () => {
    for (const [arn, key, operator, token] of [
      ['arn:aws:s3:US-WEST-2:210987654321:accesspoint/reports', 's3:DataAccessPointArn', 'StringEquals', 'US-WEST-2'],
      ['arn:aws:kms:eu-west1:210987654321:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', 's3:x-amz-server-side-encryption-aws-kms-key-id', 'StringEquals', 'eu-west1'],
      ['arn:aws:ec2:us-east-1b:210987654321:vpc/vpc-1a2b3c4d', 'aws:SourceVpcArn', 'StringEquals', 'us-east-1b'],
      ['arn:aws:sns:ap-south1:210987654321:uploads', 'aws:SourceArn', 'ArnEquals', 'ap-south1'],
    ]) {
      assert.deepEqual(underlined(serviceWrite(arn, key, operator), 'invalidRegion'), [token], key);
    }
  });

  it('reports a known Region under another partition\'s ARN, without a fix', () => {
    const text = serviceWrite('arn:aws:cloudtrail:cn-north-1:210987654321:trail/management-events');
    assert.deepEqual(underlined(text, 'invalidRegion'), ['cn-north-1']);
    assert.match(findingsOf(text, 'invalidRegion')[0].message, /^"cn-north-1" is a Region of the aws-cn partition, but this ARN is in "aws", so it names no resource\. ARNs in cn-north-1 start with "arn:aws-cn:"\.$/);
    assert.deepEqual(fixTitles(text, 'invalidRegion'), [[]]);
  });

  it('stays silent on ARNs of every partition with their own Regions, global ARNs, and wildcard or variable Regions', () => {
    for (const arn of [
      'arn:aws:cloudtrail:us-east-1:210987654321:trail/management-events',
      'arn:aws-cn:cloudtrail:cn-northwest-1:210987654321:trail/management-events',
      'arn:aws-us-gov:cloudtrail:us-gov-west-1:210987654321:trail/management-events',
      'arn:aws-iso-b:cloudtrail:us-isob-east-1:210987654321:trail/management-events',
      'arn:aws:cloudfront::210987654321:distribution/E1A2B3C4D5E6F7',
      'arn:aws:cloudtrail:*:210987654321:trail/*',
      'arn:aws:cloudtrail:us-?ast-1:210987654321:trail/*',
      'arn:aws:cloudtrail:${aws:RequestedRegion}:210987654321:trail/*',
    ]) {
      assert.deepEqual(findingsOf(serviceWrite(arn), 'invalidRegion'), [], arn);
    }
  });

  it('checks the Region of S3 Express resources, and leaves other regional resources to invalidArn', () => {
    const resource = (arn: string) => policyWith(`{ "Sid": "ExpressRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3express:CreateSession", "Resource": ${JSON.stringify(arn)} }`);
    const express = resource('arn:aws:s3express:us-west2:210987654321:bucket/reports--usw2-az1--x-s3');
    assert.deepEqual(underlined(express, 'invalidRegion'), ['us-west2']);
    assert.equal(applyFix(express, 'invalidRegion'), resource('arn:aws:s3express:us-west-2:210987654321:bucket/reports--usw2-az1--x-s3'));
    assert.deepEqual(findingsOf(resource('arn:aws:s3express:us-west-2:210987654321:bucket/reports--usw2-az1--x-s3'), 'invalidRegion'), []);
    for (const arn of ['arn:aws:s3:us-east1:210987654321:accesspoint/reports', 'arn:aws:s3:us-east1::acme-web-assets/*', 'arn:aws:s3-object-lambda:us-east1:210987654321:accesspoint/resize']) {
      const text = resource(arn);
      assert.deepEqual(findingsOf(text, 'invalidRegion'), [], arn);
      assert.equal(findingsOf(text, 'invalidArn').length, 1, arn);
    }
  });

  it('underlines the whole string when the literal has escapes', () => {
    const text = denyOutside(['eu-west-1']).replace('"eu-west-1"', '"us\\u002deast1"');
    assert.deepEqual(underlined(text, 'invalidRegion'), ['us\\u002deast1']);
  });

  it('gives no finding of any rule on a correct Region restriction', () => {
    assertClean(denyOutside(['eu-central-1', 'eu-west-1']));
  });
});
