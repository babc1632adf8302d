/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupContent } from 'vscode-languageserver-types';
import { service } from '../../helpers/policyTest';
import { unmark } from '../completion/completionTest';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PartnerRead",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::210987654321:root" },
      "Action": ["s3:GetObject", "s3:Get*Tagging"],
      "Resource": "arn:aws:s3:::acme-web-assets/*"
    },
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"],
      "Condition": {
        "Bool": { "aws:SecureTransport": "false" },
        "NotIpAddress": { "aws:SourceIp": "203.0.113.0/24" },
        "ForAllValues:StringLikeIfExists": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*" },
        "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" }
      }
    }
  ]
}`;

/** The hover at the `|` put into POLICY just after the first occurrence of `needle`'s first character. */
function hoverAt(needle: string, text = POLICY): { markdown: string; hovered: string } | undefined {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} is not in the policy`);
  const { text: plain, offset } = unmark(`${text.slice(0, index + 1)}|${text.slice(index + 1)}`);
  const document = TextDocument.create('file:///work/bucket-policy.json', 'json', 1, plain);
  const hover = service.doHover(document, service.parse(plain), document.positionAt(offset));
  if (!hover) {
    return undefined;
  }
  assert.ok(hover.range);
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return { markdown: contents.value, hovered: plain.slice(document.offsetAt(hover.range.start), document.offsetAt(hover.range.end)) };
}

describe('hover', () => {
  it('describes an action: description, access level, the resource types it needs, its condition keys', () => {
    const hover = hoverAt('s3:GetObject');
    assert.equal(hover?.hovered, '"s3:GetObject"');
    assert.match(hover.markdown, /`s3:GetObject`\*\* — Read/);
    assert.match(hover.markdown, /Grants permission to retrieve objects/);
    assert.match(hover.markdown, /object `arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}`/);
    assert.match(hover.markdown, /\*\*Condition keys\*\*: .*`s3:ExistingObjectTag\/<key>`/);
  });

  it('lists the actions a wildcard matches', () => {
    assert.match(hoverAt('s3:Get*Tagging')?.markdown ?? '', /matches 5 S3 actions[\s\S]*`s3:GetObjectTagging` — Read/);
    assert.match(hoverAt('"s3:*"')?.markdown ?? '', /every S3 action \(\d+\)/);
  });

  it('describes a condition key: type, description, fitting operators, whether every request carries it', () => {
    const sourceIp = hoverAt('aws:SourceIp')?.markdown ?? '';
    assert.match(sourceIp, /`aws:SourceIp`\*\* — `IPAddress`, global condition key/);
    assert.match(sourceIp, /\*\*Operators\*\*: `IpAddress`, `NotIpAddress`/);
    assert.match(sourceIp, /Absent when the request arrives through a VPC endpoint/);
    assert.match(hoverAt('aws:SecureTransport')?.markdown ?? '', /Present on every request/);
    const encryption = hoverAt('s3:x-amz-server-side-encryption')?.markdown ?? '';
    assert.match(encryption, /Filters access by server-side encryption/);
    assert.match(encryption, /only on requests of the \d+ S3 actions that support it/);
  });

  it('says how to qualify a multivalued key', () => {
    assert.match(hoverAt('aws:PrincipalOrgPaths')?.markdown ?? '', /`ForAnyValue:StringLike`[\s\S]*Multivalued/);
  });

  it('explains an operator: what it compares, what a missing key does, IfExists and the set qualifier', () => {
    const negated = hoverAt('NotIpAddress')?.markdown ?? '';
    assert.match(negated, /none of the CIDR ranges/);
    assert.match(negated, /\*\*Missing key\*\*: .* \*\*true\*\*/);
    assert.match(hoverAt('"Bool"')?.markdown ?? '', /\*\*Missing key\*\*: .* \*\*false\*\*/);
    const qualified = hoverAt('ForAllValues:StringLikeIfExists')?.markdown ?? '';
    assert.match(qualified, /\*\*IfExists\*\*/);
    assert.match(qualified, /\*\*ForAllValues:\*\*/);
  });

  it('explains Version, Effect and the forms of a Principal', () => {
    assert.match(hoverAt('"2012-10-17"')?.markdown ?? '', /not a date to update/);
    assert.match(hoverAt('"Version"')?.markdown ?? '', /`2008-10-17`: the legacy language/);
    assert.match(hoverAt('"Deny"')?.markdown ?? '', /explicit deny always wins/);
    assert.match(hoverAt('"Principal": "*"')?.markdown ?? '', /`\{ "Service": "cloudfront\.amazonaws\.com" \}`/);
    assert.match(hoverAt('"*"')?.markdown ?? '', /^Everyone, anonymous users included/);
    assert.match(hoverAt('arn:aws:iam::210987654321:root')?.markdown ?? '', /The AWS account 210987654321/);
  });

  it('describes element names with the schema\'s text', () => {
    assert.match(hoverAt('"Resource"')?.markdown ?? '', /^\*\*Resource\*\*\n\nThe bucket/);
    assert.match(hoverAt('"AWS"')?.markdown ?? '', /12-digit ID/);
  });

  it('says which resource an ARN names', () => {
    assert.match(hoverAt('arn:aws:s3:::acme-web-assets"')?.markdown ?? '', /the bucket `acme-web-assets` itself/);
  });

  it('has nothing to say on punctuation, unknown actions or Sids', () => {
    assert.equal(hoverAt('[\n'), undefined);
    assert.equal(hoverAt('PartnerRead'), undefined);
    assert.equal(hoverAt('s3:GetObjekt', POLICY.replace('s3:GetObject', 's3:GetObjekt')), undefined);
  });

  it('works in a document that does not parse', () => {
    const broken = POLICY.replace('"Effect": "Deny",', '"Effect": "Deny"');
    assert.match(hoverAt('s3:GetObject', broken)?.markdown ?? '', /— Read/);
  });
});
