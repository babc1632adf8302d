/* S3 Bucket Policy — MIT License. */
/**
 * Exact ranges in templates: a finding on `s3:ListBucket` (actionResourceMismatch: a bucket action on
 * objects only) underlines exactly that scalar, however the template writes it: block or flow
 * sequence, a lone scalar, plain, single- or double-quoted, inside a `!Sub |` JSON block, inside a
 * JSON template's escaped string. The tests assert the underlined text and where it starts.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templateFindings, underlinedIn } from '../../helpers/templateTest';

/** A YAML template whose only mistake is `s3:ListBucket` on objects, with the Action written as given (at 12 spaces). */
function yamlWithAction(action: string, eol = '\n'): string {
  return [
    'Resources:',
    '  DataBucket:',
    '    Type: AWS::S3::Bucket',
    '  DataBucketPolicy:',
    '    Type: AWS::S3::BucketPolicy',
    '    Properties:',
    '      Bucket: !Ref DataBucket',
    '      PolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    '            Principal:',
    '              AWS: arn:aws:iam::210987654321:role/reader',
    `            ${action}`,
    "            Resource: !Sub '${DataBucket.Arn}/*'",
    '          - Effect: Deny',
    "            Principal: '*'",
    '            Action: s3:*',
    '            Resource: [!GetAtt DataBucket.Arn, !Sub "${DataBucket.Arn}/*"]',
    "            Condition: {Bool: {aws:SecureTransport: 'false'}}",
    '',
  ].join(eol);
}

/** The only finding of a text: asserts there is one, of actionResourceMismatch, and returns what it underlines and where. */
function onlyFinding(text: string, file: string): { underlined: string; offset: number } {
  const findings = templateFindings(text, file);
  assert.deepEqual(findings.map((finding) => finding.ruleId), ['actionResourceMismatch'], JSON.stringify(findings.map((finding) => [finding.ruleId, finding.message])));
  const [finding] = findings;
  return { underlined: text.slice(finding.offset, finding.offset + finding.length), offset: finding.offset };
}

describe('exact ranges in YAML templates', () => {
  const cases: [string, string, string][] = [
    ['a plain item of a block sequence', 'Action:\n              - s3:GetObject\n              - s3:ListBucket', 's3:ListBucket'],
    ['a single-quoted item of a block sequence', "Action:\n              - 's3:GetObject'\n              - 's3:ListBucket'", "'s3:ListBucket'"],
    ['a double-quoted item of a block sequence', 'Action:\n              - "s3:GetObject"\n              - "s3:ListBucket"', '"s3:ListBucket"'],
    ['a plain item of a flow sequence', 'Action: [s3:GetObject, s3:ListBucket]', 's3:ListBucket'],
    ['a single-quoted item of a flow sequence', "Action: ['s3:GetObject', 's3:ListBucket']", "'s3:ListBucket'"],
    ['a double-quoted item of a flow sequence', 'Action: ["s3:GetObject", "s3:ListBucket"]', '"s3:ListBucket"'],
    ['a flow sequence over several lines', 'Action: [\n              s3:GetObject,\n              s3:ListBucket\n            ]', 's3:ListBucket'],
    ['a lone plain scalar', 'Action: s3:ListBucket', 's3:ListBucket'],
    ['a lone single-quoted scalar', "Action: 's3:ListBucket'", "'s3:ListBucket'"],
    ['a lone double-quoted scalar', 'Action: "s3:ListBucket"', '"s3:ListBucket"'],
    ['a double-quoted scalar with an escape before it', 'Action: ["s3:Get\\x4Fbject", "s3:ListBucket"]', '"s3:ListBucket"'],
  ];
  for (const [name, action, expected] of cases) {
    it(`underlines ${name}`, () => {
      const text = yamlWithAction(action);
      const found = onlyFinding(text, 'template.yaml');
      assert.equal(found.underlined, expected);
      assert.equal(found.offset, text.lastIndexOf(expected), 'the underline starts on the scalar itself');
    });
  }

  it('underlines the same scalar with CRLF line endings', () => {
    const text = yamlWithAction('Action:\r\n              - s3:GetObject\r\n              - s3:ListBucket', '\r\n');
    const found = onlyFinding(text, 'template.yaml');
    assert.equal(found.underlined, 's3:ListBucket');
    assert.equal(found.offset, text.lastIndexOf('s3:ListBucket'));
  });

  it('underlines the scalar inside a statement written as a flow mapping', () => {
    const text = yamlWithAction('Action: s3:GetObject').replace(
      /( {10}- Effect: Allow\n[\s\S]*?Resource: !Sub '\$\{DataBucket\.Arn\}\/\*'\n)/,
      "          - {Effect: Allow, Principal: {AWS: 'arn:aws:iam::210987654321:role/reader'}, Action: [s3:ListBucket], Resource: !Sub '${DataBucket.Arn}/*'}\n",
    );
    assert.match(text, /- \{Effect: Allow/);
    assert.deepEqual(underlinedIn(text, 'template.yaml', 'actionResourceMismatch'), ['s3:ListBucket']);
  });

  it('underlines the JSON string inside a !Sub | block, quotes included, on its own line of the block', () => {
    const text = [
      'Resources:',
      '  DataBucket:',
      '    Type: AWS::S3::Bucket',
      '  DataBucketPolicy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref DataBucket',
      '      PolicyDocument: !Sub |',
      '        {',
      '          "Version": "2012-10-17",',
      '          "Statement": [',
      '            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${AWS::AccountId}:role/reader"},',
      '             "Action": ["s3:GetObject",',
      '                        "s3:ListBucket"],',
      '             "Resource": "${DataBucket.Arn}/*"},',
      '            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["${DataBucket.Arn}", "${DataBucket.Arn}/*"],',
      '             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}',
      '          ]',
      '        }',
      '',
    ].join('\n');
    const found = onlyFinding(text, 'template.yaml');
    assert.equal(found.underlined, '"s3:ListBucket"');
    assert.equal(found.offset, text.indexOf('"s3:ListBucket"'));
  });

  it('underlines the scalar in a serverless.yml resources section', () => {
    const text = `service: svc\nprovider:\n  name: aws\nresources:\n${yamlWithAction('Action: [s3:ListBucket]').replace(/^/gm, '  ').replace(/ +$/, '')}`;
    assert.deepEqual(underlinedIn(text, 'serverless.yml', 'actionResourceMismatch'), ['s3:ListBucket']);
  });
});

describe('exact ranges in JSON templates', () => {
  const jsonTemplate = (policyDocument: string) => `{
  "Resources": {
    "DataBucket": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "acme-data" } },
    "DataBucketPolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": { "Ref": "DataBucket" },
        "PolicyDocument": ${policyDocument}
      }
    }
  }
}
`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/reader' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::acme-data/*' },
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  };

  it('underlines the JSON string of the action, quotes included, in a PolicyDocument object', () => {
    const text = jsonTemplate(JSON.stringify(policy, null, 2).replace(/\n/g, '\n        '));
    const found = onlyFinding(text, 'template.json');
    assert.equal(found.underlined, '"s3:ListBucket"');
    assert.equal(found.offset, text.indexOf('"s3:ListBucket"'));
  });

  it('underlines the string in a Fn::GetAtt/Fn::Join resource policy as cdk synth writes it', () => {
    const cdkPolicy = JSON.stringify(policy).replace('"arn:aws:s3:::acme-data/*"', '{"Fn::Join": ["", [{"Fn::GetAtt": ["DataBucket", "Arn"]}, "/*"]]}');
    const found = onlyFinding(jsonTemplate(cdkPolicy), 'Stack.template.json');
    assert.equal(found.underlined, '"s3:ListBucket"');
  });

  it('underlines the escaped string, escapes included, in a policy given as a JSON string', () => {
    const text = jsonTemplate(JSON.stringify(JSON.stringify(policy)));
    const found = onlyFinding(text, 'template.json');
    assert.equal(found.underlined, '\\"s3:ListBucket\\"');
    assert.equal(found.offset, text.indexOf('\\"s3:ListBucket\\"'));
  });

  it('starts the underline of an escaped string on its escaped quote, so the line and column are right', () => {
    const text = jsonTemplate(JSON.stringify(JSON.stringify(policy)));
    const found = onlyFinding(text, 'template.json');
    assert.equal(found.offset, text.indexOf('\\"s3:ListBucket\\"'));
    assert.ok(found.underlined.startsWith('\\"s3:ListBucket'), found.underlined);
  });
});
