/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiOperations, findApiOperation } from '../../../server/src/service/data/apiOperations';
import {
  AWS_DATA_DATE,
  AWS_DATA_SOURCE,
  conditionKey,
  conditionKeys,
  findS3Action,
  findS3ResourceType,
  matchS3Actions,
  s3Actions,
} from '../../../server/src/service/data/awsData';
import { resourceTypesMatching } from '../../../server/src/service/data/resourceTypeMatching';

describe('AWS data', () => {
  it('says where it comes from and how old it is', () => {
    assert.match(AWS_DATA_DATE, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(AWS_DATA_SOURCE, /^@cloud-copilot\/iam-data \d+\.\d+\.\d+$/);
  });

  it('finds S3 actions case-insensitively, with or without the s3 prefix', () => {
    assert.equal(findS3Action('getobject')?.name, 'GetObject');
    assert.equal(findS3Action('S3:GETOBJECT')?.name, 'GetObject');
    assert.equal(findS3Action('kms:GetObject'), undefined);
    assert.equal(findS3Action('HeadObject'), undefined);
    const listBucket = findS3Action('ListBucket');
    assert.equal(listBucket?.accessLevel, 'List');
    assert.ok(listBucket?.resourceTypes.some((type) => type.name === 'bucket'));
    assert.ok(listBucket?.conditionKeys.includes('s3:prefix'));
    assert.ok(findS3Action('GetObject')?.conditionKeys.includes('s3:ExistingObjectTag/<key>'));
  });

  it('matches action patterns with * and ?', () => {
    assert.deepEqual(matchS3Actions('Get?bject').map((action) => action.name), ['GetObject']);
    assert.ok(matchS3Actions('s3:Get*').length > 30);
    assert.equal(matchS3Actions('*').length, s3Actions().length);
    assert.deepEqual(matchS3Actions('Gett*'), []);
    assert.deepEqual(matchS3Actions('kms:*'), []);
    assert.equal(matchS3Actions('s*:GetObject').length, 1);
  });

  it('knows resource types and their ARN formats', () => {
    assert.equal(findS3ResourceType('bucket')?.arnFormat, 'arn:${Partition}:s3:::${BucketName}');
    assert.equal(findS3ResourceType('object')?.arnFormat, 'arn:${Partition}:s3:::${BucketName}/${ObjectName}');
  });

  it('looks up condition keys, including concrete tag keys of templated ones', () => {
    assert.deepEqual([conditionKey('aws:securetransport')?.name, conditionKey('aws:SecureTransport')?.type], ['aws:SecureTransport', 'Bool']);
    assert.equal(conditionKey('aws:SourceIp')?.type, 'IPAddress');
    assert.equal(conditionKey('aws:PrincipalOrgPaths')?.multivalued, true);
    assert.equal(conditionKey('aws:SourceVpce')?.multivalued, false);
    assert.equal(conditionKey('s3:x-amz-acl')?.global, false);
    assert.equal(conditionKey('s3:TlsVersion')?.type, 'Numeric');
    assert.equal(conditionKey('s3:ExistingObjectTag/team')?.name, 's3:ExistingObjectTag/<key>');
    assert.equal(conditionKey('aws:ResourceTag/env')?.name, 'aws:ResourceTag/${TagKey}');
    assert.equal(conditionKey('aws:PrincipalTag/dept')?.templated, true);
    assert.equal(conditionKey('aws:ResourceTag/${TagKey}')?.global, true);
    assert.equal(conditionKey('aws:ResourceTag'), undefined);
    assert.equal(conditionKey('aws:ResourceTag/'), undefined);
    assert.equal(conditionKey('aws:SourceIP/x'), undefined);
    assert.equal(conditionKey('s3:nonsense'), undefined);
    assert.ok(conditionKeys().every((key) => key.name.startsWith('aws:') === key.global));
  });

  it('every condition key an action names is in the key table', () => {
    for (const action of s3Actions()) {
      for (const key of action.conditionKeys) {
        assert.ok(conditionKey(key), `${action.name}: ${key}`);
      }
    }
  });
});

describe('API operations', () => {
  it('lists no name that is itself an action, and only targets that are actions', () => {
    for (const { operation, action } of apiOperations()) {
      assert.equal(findS3Action(operation), undefined, `${operation} is an action`);
      assert.equal(findS3Action(action)?.name, action, `${action} (for ${operation}) is not an action in canonical case`);
    }
  });

  it('finds operations case-insensitively', () => {
    assert.equal(findApiOperation('createmultipartupload')?.action, 'PutObject');
    assert.equal(findApiOperation('HeadBucket')?.action, 'ListBucket');
    assert.equal(findApiOperation('AbortMultipartUpload'), undefined);
    assert.ok(findS3Action('AbortMultipartUpload'));
  });
});

describe('resourceTypesMatching', () => {
  const types = (resource: string) => resourceTypesMatching(resource).map((type) => type.name).sort();

  it('tells buckets from objects', () => {
    assert.deepEqual(types('arn:aws:s3:::app-data'), ['bucket']);
    assert.deepEqual(types('arn:aws:s3:::app-data/*'), ['object']);
    assert.deepEqual(types('arn:aws-us-gov:s3:::app-data/logs/2024/a.txt'), ['object']);
  });

  it('lets wildcards and policy variables cover both', () => {
    assert.deepEqual(types('arn:aws:s3:::app-data*'), ['bucket', 'object']);
    assert.deepEqual(types('arn:aws:s3:::*'), ['bucket', 'object']);
    assert.deepEqual(types('arn:aws:s3:::${aws:username}'), ['bucket', 'object']);
    assert.deepEqual(types('arn:aws:s3:::app-dat?'), ['bucket']);
  });

  it('recognises access point ARNs and rejects malformed or foreign ones', () => {
    assert.deepEqual(types('arn:aws:s3:us-east-1:444455556666:accesspoint/reports'), ['accesspoint']);
    assert.deepEqual(types('arn:aws:s3:us-east-1:444455556666:accesspoint/reports/object/a.txt'), ['accesspointobject']);
    assert.deepEqual(types('*'), []);
    assert.deepEqual(types('arn:aws:S3:::app-data'), []);
    assert.deepEqual(types('arn:aws:s3:::app-data/'), []);
    assert.deepEqual(types('arn:aws:kms:us-east-1:444455556666:key/abc'), []);
    assert.deepEqual(types('arn:aws:s3:us-east-1::app-data'), []);
  });
});
