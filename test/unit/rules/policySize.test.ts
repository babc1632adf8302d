/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, underlined } from '../../helpers/policyTest';

/** A valid policy with `count` read grants to distinct prefixes, laid out with `indent` per level. */
function policyOfSize(count: number, indent: string): string {
  const statements = Array.from({ length: count }, (_, index) => ({
    Sid: `ReadPrefix${index}`,
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::210987654321:role/ReportingReader' },
    Action: ['s3:GetObject', 's3:GetObjectVersion'],
    Resource: `arn:aws:s3:::acme-web-assets/reports/team-${index}/*`,
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, indent);
}

describe('policySize', () => {
  it('fires, as a warning on "Statement", when the policy is over 20 KB, with both sizes', () => {
    const text = policyOfSize(80, '        ');
    assert.ok(text.length > 20 * 1024 && JSON.stringify(JSON.parse(text)).length < 20 * 1024);
    assert.deepEqual(underlined(text, 'policySize'), ['"Statement"']);
    const [finding] = findingsOf(text, 'policySize');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, new RegExp(`${text.length.toLocaleString('en-US')} bytes.*20,480 bytes.*Without whitespace it is .*${JSON.stringify(JSON.parse(text)).length.toLocaleString('en-US')} bytes.*minify`));
  });

  it('says when even the minified policy is too large', () => {
    assert.match(findingsOf(policyOfSize(200, ''), 'policySize')[0].message, /Even minified it is too large/);
  });

  it('counts bytes, not characters', () => {
    const text = policyOfSize(60, '  ').replace(/reports\/team-/g, 'rapports/équipe-€€€€€€€€€€-');
    const bytes = new TextEncoder().encode(text).length;
    assert.ok(text.length <= 20 * 1024 && bytes > 20 * 1024, `${text.length} characters, ${bytes} bytes`);
    assert.equal(findingsOf(text, 'policySize').length, 1);
  });

  it('stays silent at 20 KB and below', () => {
    const text = policyOfSize(60, '  ');
    assert.ok(text.length <= 20 * 1024);
    assert.deepEqual(findingsOf(text, 'policySize'), []);
  });
});
