/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import snippets from '../../snippets/s3-bucket-policy.json';
import { secureTransportDenyStatement } from '../../server/src/service/fixes/secureTransportDenyStatement';
import { lint, service } from '../helpers/policyTest';

/**
 * What each placeholder text stands for, and the value the tests type into it. The bucket and the
 * account are not the AWS documentation's examples (example-bucket, 111122223333): the `placeholder`
 * rule rightly reports those as text left over from a template.
 */
const SAMPLE_VALUES: Record<string, string> = {
  'your-bucket-name': 's3policy-snippet-test',
  'your-account-id': '210987654321',
  'your-vpce-id': 'vpce-1a2b3c4d',
  'your-vpc-id': 'vpc-1a2b3c4d',
};

const TAB_STOP = /\$\{(\d+):([^}]*)\}|\$\{(\d+)\}|\$(\d+)/g;

/** The HTTPS-only deny the service itself inserts (missingSecureTransportDeny's fix), for the sample bucket. */
const HTTPS_ONLY_DENY = JSON.stringify(secureTransportDenyStatement(service.parse(`{"Statement": {"Resource": "arn:aws:s3:::${SAMPLE_VALUES['your-bucket-name']}"}}`)), null, 2);

/**
 * Expands a snippet body as the editor would after the user typed a value into every tab stop:
 * a tab stop takes the sample value for its placeholder text (the text of the first placeholder
 * with its number), or keeps that text when it is a sample itself (a Sid, an action); `$0` is empty.
 * With `keepPlaceholders`, every tab stop keeps its placeholder text, as right after insertion.
 */
function expand(body: string, keepPlaceholders = false): string {
  const placeholders = new Map<number, string>();
  for (const match of body.matchAll(TAB_STOP)) {
    if (match[1] !== undefined && !placeholders.has(Number(match[1]))) {
      placeholders.set(Number(match[1]), match[2]);
    }
  }
  const expanded = body.replace(TAB_STOP, (_match, withText: string | undefined, _text: string | undefined, braced: string | undefined, bare: string | undefined) => {
    const number = Number(withText ?? braced ?? bare);
    if (number === 0) {
      return '';
    }
    const placeholder = placeholders.get(number);
    assert.ok(placeholder !== undefined, `tab stop $${number} has no placeholder text anywhere in the snippet`);
    return keepPlaceholders ? placeholder : SAMPLE_VALUES[placeholder] ?? placeholder;
  });
  assert.ok(!expanded.includes('$'), `unexpanded snippet syntax left in:\n${expanded}`);
  return expanded;
}

/** True when the snippet is a whole policy rather than statements to insert into a Statement array. */
function isWholePolicy(text: string): boolean {
  const parsed = JSON.parse(`[${text}]`) as unknown[];
  return parsed.length === 1 && typeof parsed[0] === 'object' && parsed[0] !== null && 'Statement' in parsed[0];
}

/** A complete policy around statement snippets, with the HTTPS-only deny unless the snippet is that deny. */
function asPolicy(text: string): string {
  if (isWholePolicy(text)) {
    return text;
  }
  const statements = text.includes('aws:SecureTransport') ? [text] : [text, HTTPS_ONLY_DENY];
  return `{\n"Version": "2012-10-17",\n"Statement": [\n${statements.join(',\n')}\n]\n}`;
}

const entries = Object.entries(snippets).map(([name, snippet]) => ({ name, ...snippet, text: snippet.body.join('\n') }));

describe('snippets', () => {
  it('has namespaced, unique prefixes and a description on every snippet', () => {
    for (const snippet of entries) {
      assert.match(snippet.prefix, /^s3policy-[a-z-]+$/, snippet.name);
      assert.ok(snippet.description.length >= 60, `${snippet.prefix} needs a description that says what it inserts`);
    }
    assert.equal(new Set(entries.map((snippet) => snippet.prefix)).size, entries.length);
  });

  for (const snippet of entries) {
    describe(snippet.prefix, () => {
      it('lints clean once every tab stop is filled, as part of a policy with the HTTPS-only deny', () => {
        assert.deepEqual(lint(asPolicy(expand(snippet.text))).map((finding) => `${finding.ruleId}: ${finding.message}`), []);
      });

      it('is valid JSON (a policy, or Statement elements) right after insertion', () => {
        const text = expand(snippet.text, true);
        assert.doesNotThrow(() => JSON.parse(`[${text}]`));
      });

      it('reuses tab stop 1 for the bucket in every S3 ARN', () => {
        const arns = snippet.text.match(/arn:aws:s3:::[^"/]*/g) ?? [];
        assert.ok(arns.length > 0);
        for (const arn of arns) {
          assert.match(arn, /^arn:aws:s3:::(\$\{1:your-bucket-name\}|\$1)$/);
        }
      });

      it('uses no ForAllValues qualifier on single-valued keys', () => {
        assert.ok(!snippet.text.includes('ForAllValues'));
      });
    });
  }

  it('offers the HTTPS-only deny, VPC endpoint and VPC restrictions and cross-account read and write', () => {
    const byPrefix = new Map(entries.map((snippet) => [snippet.prefix, expand(snippet.text)]));
    assert.match(byPrefix.get('s3policy-bucket-policy') ?? '', /"aws:SecureTransport": "false"/);
    assert.match(byPrefix.get('s3policy-deny-insecure-transport') ?? '', /"Bool": \{\s*"aws:SecureTransport": "false"/);
    assert.match(byPrefix.get('s3policy-restrict-to-vpce') ?? '', /"StringNotEquals": \{\s*"aws:SourceVpce": "vpce-1a2b3c4d"/);
    assert.match(byPrefix.get('s3policy-restrict-to-vpc') ?? '', /"StringNotEquals": \{\s*"aws:SourceVpc": "vpc-1a2b3c4d"/);
    const read = JSON.parse(`[${byPrefix.get('s3policy-cross-account-read') ?? ''}]`) as { Action: string; Resource: string }[];
    assert.deepEqual(read.map((statement) => [statement.Action, statement.Resource]), [
      ['s3:ListBucket', 'arn:aws:s3:::s3policy-snippet-test'],
      ['s3:GetObject', 'arn:aws:s3:::s3policy-snippet-test/*'],
    ]);
    assert.match(byPrefix.get('s3policy-cross-account-write') ?? '', /"StringEquals": \{\s*"s3:x-amz-acl": "bucket-owner-full-control"/);
  });
});
