/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionKey } from '../../../server/src/service/data/awsData';
import { complete, parsesAsJson } from './completionTest';

const inCondition = (condition: string, action = 's3:PutObject') => `{ "Statement": [ { "Effect": "Deny", "Principal": "*", "Action": "${action}", "Resource": "arn:aws:s3:::acme/*", "Condition": ${condition} } ] }`;

describe('completion of condition operators', () => {
  it('proposes the operators, common ones first, with IfExists and the set qualifiers of String operators', () => {
    const labels = complete(inCondition('{ | }')).labels;
    assert.deepEqual(labels.slice(0, 3), ['StringEquals', 'StringNotEquals', 'StringLike']);
    for (const operator of ['Bool', 'Null', 'IpAddress', 'StringEqualsIfExists', 'ArnLikeIfExists', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals']) {
      assert.ok(labels.includes(operator), operator);
    }
    for (const invalid of ['NullIfExists', 'ForAllValues:Bool', 'ForAnyValue:Null']) {
      assert.ok(!labels.includes(invalid), invalid);
    }
  });

  it('leaves out the operators already present, and inserts an operator with its block', () => {
    const completion = complete(inCondition('{ "Bool": { "aws:SecureTransport": "false" }, | }'));
    assert.ok(!completion.labels.includes('Bool'));
    const accepted = parsesAsJson(completion.accept('StringEquals')) as { Statement: { Condition: object }[] };
    assert.deepEqual(accepted.Statement[0].Condition, { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { '': '' } });
  });

  it('explains each operator: what it compares and what a missing key does', () => {
    const documentation = complete(inCondition('{ "StringNot|" }')).item('StringNotEquals').documentation;
    assert.ok(typeof documentation === 'object');
    assert.match(documentation.value, /Missing key/);
  });
});

describe('completion of condition keys', () => {
  it('proposes under Bool only Boolean keys, with their type', () => {
    const completion = complete(inCondition('{ "Bool": { "|" } }'));
    assert.equal(completion.labels[0], 'aws:SecureTransport');
    assert.ok(completion.list.items.every((item) => item.detail === 'Bool'));
  });

  it('inserts a Bool key with a choice of true and false', () => {
    const accepted = parsesAsJson(complete(inCondition('{ "Bool": { "aws:Sec|" } }')).accept('aws:SecureTransport')) as { Statement: { Condition: object }[] };
    assert.deepEqual(accepted.Statement[0].Condition, { Bool: { 'aws:SecureTransport': 'true' } });
  });

  it('proposes the S3 keys the statement\'s actions support, and the global keys', () => {
    const put = complete(inCondition('{ "StringEquals": { | } }')).labels;
    assert.ok(put.includes('s3:x-amz-server-side-encryption'));
    assert.ok(put.includes('aws:SourceVpce'));
    const list = complete(inCondition('{ "StringEquals": { | } }', 's3:ListBucket')).labels;
    assert.ok(!list.includes('s3:x-amz-server-side-encryption'));
    assert.ok(list.includes('s3:prefix'));
  });

  it('keeps multivalued keys for ForAnyValue:/ForAllValues: and single-valued keys for the rest', () => {
    const qualified = complete(inCondition('{ "ForAnyValue:StringLike": { | } }')).labels;
    assert.ok(qualified.includes('aws:PrincipalOrgPaths'));
    assert.ok(qualified.every((label) => conditionKey(label)?.multivalued));
    assert.ok(!complete(inCondition('{ "StringLike": { | } }')).labels.includes('aws:PrincipalOrgPaths'));
  });

  it('proposes keys of the operator\'s type: numbers under Numeric operators, addresses under IpAddress', () => {
    assert.ok(complete(inCondition('{ "NumericLessThan": { | } }')).labels.includes('s3:TlsVersion'));
    assert.deepEqual(complete(inCondition('{ "IpAddress": { | } }')).list.items.map((item) => item.detail).filter((type) => type !== 'IPAddress'), []);
  });

  it('writes a templated key with a placeholder for the tag key', () => {
    const text = complete(inCondition('{ "StringEquals": { "s3:ExistingObjectTag|" } }', 's3:GetObject')).accept('s3:ExistingObjectTag/tag-key');
    assert.match(text, /"s3:ExistingObjectTag\/tag-key": ""/);
  });

  it('leaves out the keys already under the operator', () => {
    assert.ok(!complete(inCondition('{ "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d", | } }')).labels.includes('aws:SourceVpce'));
  });

  it('inserts only the key when a colon already follows it', () => {
    const text = complete(inCondition('{ "Bool": { "aws:Sec|": "false" } }')).accept('aws:SecureTransport');
    assert.deepEqual((parsesAsJson(text) as { Statement: { Condition: object }[] }).Statement[0].Condition, { Bool: { 'aws:SecureTransport': 'false' } });
  });
});

describe('completion of condition values', () => {
  const values = (operator: string, key: string, value = '"|"') => complete(inCondition(`{ "${operator}": { "${key}": ${value} } }`)).labels;

  it('proposes true and false for Bool keys and for Null', () => {
    assert.deepEqual(values('Bool', 'aws:SecureTransport'), ['true', 'false']);
    assert.deepEqual(values('Null', 's3:x-amz-server-side-encryption'), ['true', 'false']);
  });

  it('proposes the encryption algorithms, the canned ACLs and TLS 1.2', () => {
    assert.deepEqual(values('StringNotEquals', 's3:x-amz-server-side-encryption'), ['AES256', 'aws:kms', 'aws:kms:dsse']);
    assert.ok(values('StringEquals', 's3:x-amz-acl').includes('bucket-owner-full-control'));
    assert.deepEqual(values('NumericLessThan', 's3:TlsVersion'), ['1.2']);
  });

  it('proposes the vpce- prefix for aws:SourceVpce', () => {
    const completion = complete(inCondition('{ "StringNotEquals": { "aws:SourceVpce": | } }'));
    assert.deepEqual(completion.labels, ['vpce-…']);
    assert.match(completion.accept('vpce-…'), /"aws:SourceVpce": "vpce-"/);
  });

  it('leaves out the values already listed', () => {
    assert.deepEqual(values('StringEquals', 's3:x-amz-server-side-encryption', '["AES256", "|"]'), ['aws:kms', 'aws:kms:dsse']);
  });
});
