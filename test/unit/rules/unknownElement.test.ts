/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixAll, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const clean = policyWith(PARTNER_READ);
const withPartner = (from: string, to: string) => policyWith(PARTNER_READ.replace(from, to));

describe('unknownElement', () => {
  it('stays silent on the known elements', () => {
    assert.deepEqual(findingsOf(clean, 'unknownElement'), []);
    assert.deepEqual(findingsOf(clean.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", "Id": "PartnerAccess",'), 'unknownElement'), []);
  });

  for (const [plural, singular] of [['Principals', 'Principal'], ['Actions', 'Action'], ['Resources', 'Resource']]) {
    it(`reports "${plural}" once (not also as a missing ${singular}) and renames it to "${singular}"`, () => {
      const text = withPartner(`"${singular}"`, `"${plural}"`);
      assert.deepEqual(underlined(text, 'unknownElement'), [`"${plural}"`]);
      assert.equal(findingsOf(text, 'unknownElement')[0].severity, 'error');
      assert.deepEqual(ruleIds(text), ['unknownElement']);
      assert.deepEqual(fixTitles(text, 'unknownElement'), [[`Rename to "${singular}" (preferred)`]]);
      assert.equal(applyFix(text, 'unknownElement'), clean);
    });
  }

  it('reports "Comment" with advice to use a Sid, and no rename', () => {
    const text = withPartner('"Sid": "PartnerRead", ', '"Sid": "PartnerRead", "Comment": "read access for the partner", ');
    assert.deepEqual(underlined(text, 'unknownElement'), ['"Comment"']);
    assert.match(findingsOf(text, 'unknownElement')[0].message, /"Sid"/);
    assert.deepEqual(fixTitles(text, 'unknownElement'), [[]]);
  });

  it('suggests the element a misspelling means, by case first', () => {
    const text = withPartner('"Effect"', '"effect"');
    assert.deepEqual(fixTitles(text, 'unknownElement'), [['Rename to "Effect" (preferred)']]);
    assert.deepEqual(ruleIds(text), ['unknownElement']);
    assert.equal(fixAll(text), clean);
  });

  it('reports a lowercase top-level "version" once: no missingVersion next to it, and fix-all leaves one Version', () => {
    const text = clean.replace('"Version"', '"version"');
    assert.deepEqual(ruleIds(text), ['unknownElement']);
    assert.equal(fixAll(text), clean);
    const versionLast = clean.replace('"Version": "2012-10-17",\n  ', '').replace('\n}', ',\n  "version": "2012-10-17"\n}');
    assert.deepEqual(ruleIds(versionLast), ['unknownElement']);
    assert.equal(fixAll(versionLast), versionLast.replace('"version"', '"Version"'));
  });

  it('names an unknown principal type and renames "aws" to "AWS"', () => {
    const text = withPartner('{ "AWS"', '{ "aws"');
    assert.deepEqual(underlined(text, 'unknownElement'), ['"aws"']);
    assert.match(findingsOf(text, 'unknownElement')[0].message, /principal type/);
    assert.equal(applyFix(text, 'unknownElement'), clean);
  });

  it('offers up to three names when the misspelling is ambiguous, none of them preferred', () => {
    const text = withPartner('"Resource"', '"Resourse"');
    assert.deepEqual(fixTitles(text, 'unknownElement'), [['Rename to "Resource" (preferred)']]);
    const ambiguous = withPartner('"Sid": "PartnerRead", ', '"Sid": "PartnerRead", "NotX": "y", ');
    for (const titles of fixTitles(ambiguous, 'unknownElement')) {
      assert.ok(titles.length <= 3 && titles.every((title) => !title.endsWith('(preferred)')));
    }
  });

  it('unwraps the output of "aws s3api get-bucket-policy", reported once', () => {
    const inner = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-web-assets/*"}]}';
    const text = `{\n  "Policy": ${JSON.stringify(inner)}\n}\n`;
    assert.deepEqual(underlined(text, 'unknownElement'), ['"Policy"']);
    assert.match(findingsOf(text, 'unknownElement')[0].message, /get-bucket-policy/);
    assert.deepEqual(ruleIds(text), ['unknownElement']);
    assert.equal(applyFix(text, 'unknownElement'), `${JSON.stringify(JSON.parse(inner), null, 2)}\n`);
  });

  it('treats a "Policy" element next to a Statement as just unknown', () => {
    const text = clean.replace('"Version": "2012-10-17",', '"Version": "2012-10-17", "Policy": "{}",');
    assert.deepEqual(underlined(text, 'unknownElement'), ['"Policy"']);
    assert.deepEqual(fixTitles(text, 'unknownElement'), [[]]);
  });
});
