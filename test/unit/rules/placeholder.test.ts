/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findPlaceholders, mayHavePlaceholders } from '../../../server/src/service/placeholders';
import { applyFix, findingsOf, underlined } from '../../helpers/policyTest';

const policy = (principal: string, resource: string, condition = '') => `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Grant", "Effect": "Allow", "Principal": { "AWS": ${JSON.stringify(principal)} }, "Action": "s3:GetObject", "Resource": ${JSON.stringify(resource)}${condition} },
    { "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"], "Condition": { "Bool": { "aws:SecureTransport": "false" } } }
  ]
}`;
const ROLE = 'arn:aws:iam::210987654321:role/Reader';
const OBJECTS = 'arn:aws:s3:::acme-web-assets/*';

describe('placeholder', () => {
  const cases: [string, string, string, RegExp][] = [
    ['<bucket>', 'arn:aws:s3:::<bucket>/*', '<bucket>', /template text.*name of your bucket/],
    ['YOUR-BUCKET-NAME', 'arn:aws:s3:::YOUR-BUCKET-NAME/*', 'YOUR-BUCKET-NAME', /template text.*name of your bucket/],
    ['your - bucket - name (the seed)', 'arn:aws:s3:::your - bucket - name/*', 'your - bucket - name', /template text/],
    ['REPLACE_ME', 'arn:aws:s3:::REPLACE_ME/*', 'REPLACE_ME', /template text.*the real value/],
    ['a template variable', 'arn:aws:s3:::${BucketName}/*', '${BucketName}', /template variable.*not an IAM policy variable/],
    ['a CloudFormation pseudo parameter', 'arn:aws:s3:::acme-${AWS::Region}/*', '${AWS::Region}', /template variable/],
    ['DOC-EXAMPLE-BUCKET', 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/*', 'DOC-EXAMPLE-BUCKET', /example name/],
    ['amzn-s3-demo-bucket', 'arn:aws:s3:::amzn-s3-demo-bucket/*', 'amzn-s3-demo-bucket', /example name/],
    ['example-bucket', 'arn:aws:s3:::example-bucket/*', 'example-bucket', /example name/],
  ];
  for (const [what, resource, token, message] of cases) {
    it(`fires, as a warning, on ${what} and underlines ${JSON.stringify(token)}`, () => {
      const text = policy(ROLE, resource);
      assert.deepEqual(underlined(text, 'placeholder'), [token]);
      const [finding] = findingsOf(text, 'placeholder');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, message);
      assert.deepEqual(finding.fixes, []);
    });
  }

  for (const account of ['111122223333', '123456789012', '444455556666']) {
    it(`fires on the documentation account ID ${account}`, () => {
      const text = policy(`arn:aws:iam::${account}:root`, OBJECTS);
      assert.deepEqual(underlined(text, 'placeholder'), [account]);
      assert.match(findingsOf(text, 'placeholder')[0].message, /AWS documentation's examples/);
    });
  }

  it('finds template text in principals, condition values and condition keys', () => {
    assert.deepEqual(underlined(policy('arn:aws:iam::<account-id>:root', OBJECTS), 'placeholder'), ['<account-id>']);
    assert.deepEqual(underlined(policy(ROLE, OBJECTS, ', "Condition": { "StringEquals": { "aws:SourceVpce": "vpce-EXAMPLE" } }'), 'placeholder'), ['vpce-EXAMPLE']);
    assert.deepEqual(underlined(policy(ROLE, OBJECTS, ', "Condition": { "StringEquals": { "aws:PrincipalTag/<tag-key>": "analytics" } }'), 'placeholder'), ['<tag-key>']);
  });

  it('points at the bucket name the HTTPS-only deny fix leaves when the policy names no bucket', () => {
    const text = '{ "Version": "2012-10-17", "Statement": [{ "Sid": "ListAll", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": "s3:ListAllMyBuckets", "Resource": "*" }] }';
    const fixed = applyFix(text, 'missingSecureTransportDeny');
    assert.deepEqual(underlined(fixed, 'placeholder'), ['<your-bucket-name>', '<your-bucket-name>']);
  });

  it('stays silent on real values, policy variables and Sids', () => {
    assert.deepEqual(findingsOf(policy(ROLE, 'arn:aws:s3:::acme-web-assets/home/${aws:username}/*'), 'placeholder'), []);
    assert.deepEqual(findingsOf(policy(ROLE, 'arn:aws:s3:::acme-examples-archive/${*}/*'), 'placeholder'), []);
    assert.deepEqual(findingsOf(policy('arn:aws:iam::210987654321:root', OBJECTS).replace('"Sid": "Grant"', '"Sid": "ExampleGrantReplaceMe"'), 'placeholder'), []);
    assert.deepEqual(findingsOf(policy(ROLE, 'arn:aws:s3:::yourtown-logistics-data/*'), 'placeholder'), []);
  });

  it('fires on template text spelled with escapes, as JSON encoders that escape < and > write it', () => {
    const text = policy(ROLE, 'arn:aws:s3:::acme-web-assets/*').replace('acme-web-assets/*"', '\\u003cbucket\\u003e/*"');
    assert.ok(text.includes('"arn:aws:s3:::\\u003cbucket\\u003e/*"'));
    // The text and the value differ under escapes, so the whole value is underlined.
    assert.deepEqual(underlined(text, 'placeholder'), ['arn:aws:s3:::\\u003cbucket\\u003e/*']);
    assert.match(findingsOf(text, 'placeholder')[0].message, /"<bucket>" is template text/);
  });
});

describe('mayHavePlaceholders', () => {
  const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/policies');
  const stringsOf = (value: unknown): string[] => (typeof value === 'string' ? [value]
    : Array.isArray(value) ? value.flatMap(stringsOf)
      : value && typeof value === 'object' ? Object.entries(value).flatMap(([key, item]) => [key, ...stringsOf(item)]) : []);
  const corpusStrings = ['correct', 'broken'].flatMap((folder) => fs.readdirSync(path.join(CORPUS, folder)).flatMap((name) => {
    try {
      return stringsOf(JSON.parse(fs.readFileSync(path.join(CORPUS, folder, name), 'utf8')));
    } catch {
      return [];
    }
  }));
  const templateTexts = ['<bucket>', 'YOUR-BUCKET-NAME', 'your_account_id', 'REPLACE_ME', 'TODO', 'xXxX', '${BucketName}', '${AWS::Region}', '${aws:a::b}', '${Bucket', 'DOC-EXAMPLE-BUCKET', 'amzn-s3-demo-bucket', 'example-bucket', 'examplebucket', '111122223333', '777788889999'];

  it('is true for every string of the corpus, and every template text, that holds template text', () => {
    const values = [...corpusStrings, ...templateTexts, ...templateTexts.map((text) => `arn:aws:s3:::${text}/home/\${aws:username}/*`)];
    let holding = 0;
    for (const value of values) {
      if (findPlaceholders(value).length > 0) {
        holding++;
        assert.ok(mayHavePlaceholders(`{"Resource": ${JSON.stringify(value)}}`), value);
      }
    }
    assert.ok(holding > templateTexts.length, 'the corpus holds template text too');
  });

  it('is false for a policy whose only ${ opens policy variables', () => {
    const text = policy(ROLE, 'arn:aws:s3:::acme-web-assets/home/${aws:username}/${aws:PrincipalTag/team}/*', ', "Condition": { "StringLike": { "s3:prefix": ["home/${aws:username}/*", "${*}"] } }');
    assert.equal(mayHavePlaceholders(text), false);
    assert.deepEqual(findingsOf(text, 'placeholder'), []);
  });

  it('is true for a ${ that may open a template variable, or an escape', () => {
    for (const value of ['${BucketName}', '${AWS::AccountId}', '${aws:a::b}', '${aws:username', 'a\\u003cb']) {
      assert.ok(mayHavePlaceholders(`{"Resource": "${value}"}`), value);
    }
  });
});
