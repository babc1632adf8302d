/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { conditionKey } from '../../../server/src/service/data/awsData';
import { isPartitionId, knownRegions, readRegion, REGIONS_SOURCE, regionWithLetters } from '../../../server/src/service/data/regions';

describe('Region data', () => {
  it('says where it comes from, and was generated from the pinned version of that package', () => {
    assert.match(REGIONS_SOURCE, /^@aws-sdk\/core \d+\.\d+\.\d+$/);
    const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.equal(REGIONS_SOURCE, `@aws-sdk/core ${packageJson.devDependencies['@aws-sdk/core']}`, 'run `npm run update-aws-data`');
  });

  it('knows the Regions of every partition, and not the global endpoints', () => {
    assert.deepEqual(readRegion('us-east-1'), { status: 'known', partition: 'aws' });
    assert.deepEqual(readRegion('cn-northwest-1'), { status: 'known', partition: 'aws-cn' });
    assert.deepEqual(readRegion('us-gov-west-1'), { status: 'known', partition: 'aws-us-gov' });
    assert.deepEqual(readRegion('us-isob-east-1'), { status: 'known', partition: 'aws-iso-b' });
    assert.deepEqual(readRegion('aws-global'), { status: 'invalid' });
    assert.ok(knownRegions().length > 40);
    assert.deepEqual([...knownRegions()], [...knownRegions()].sort());
  });

  it('tells a Region of the right form that the list lacks from text that is no Region code', () => {
    assert.deepEqual(readRegion('us-east-9'), { status: 'unlisted', partition: 'aws' });
    assert.deepEqual(readRegion('us-gov-north-1'), { status: 'unlisted', partition: 'aws-us-gov' });
    for (const value of ['us-east1', 'US-EAST-1', 'us-east-1a', 'useast-1', '']) {
      assert.deepEqual(readRegion(value), { status: 'invalid' }, value);
    }
  });

  it('finds a Region by its letters and digits, and knows the partitions', () => {
    assert.equal(regionWithLetters('useast1'), 'us-east-1');
    assert.equal(regionWithLetters('useast'), undefined);
    assert.ok(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'].every(isPartitionId));
    assert.equal(isPartitionId('amazon'), false);
  });

  it('has the Region-valued condition keys invalidRegion checks', () => {
    for (const key of ['aws:RequestedRegion', 's3:LocationConstraint', 's3:destinationRegion']) {
      assert.equal(conditionKey(key)?.type, 'String', key);
    }
  });
});
