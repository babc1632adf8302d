/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { applyTemplateFix, templateFindings, underlinedIn } from '../../helpers/templateTest';

/** A YAML template with one bucket and its policy; `statements` are the policy's statement items, indented for it. */
function template(statements: string, extra = '', bucketProperties = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  BucketNameParameter:
    Type: String
Resources:
  HomeBucket:
    Type: AWS::S3::Bucket${bucketProperties}
${extra}  HomeBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref HomeBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements}          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource:
              - !GetAtt HomeBucket.Arn
              - !Sub '\${HomeBucket.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`;
}

const allow = (resource: string, principal = "'arn:aws:iam::210987654321:root'") => `          - Sid: Read
            Effect: Allow
            Principal:
              AWS: ${principal}
            Action: s3:GetObject
            Resource: ${resource}
`;

const fixOf = (text: string, ruleId: string) => templateFindings(text, 'template.yaml').find((finding) => finding.ruleId === ruleId)?.fixes[0];

describe('cfnUnescapedPolicyVariable', () => {
  const bad = template(allow("!Sub '${HomeBucket.Arn}/home/${aws:username}/*'"));

  it('underlines ${aws:username} inside !Sub and escapes it with its fix', () => {
    assert.deepEqual(underlinedIn(bad, 'template.yaml', 'cfnUnescapedPolicyVariable'), ['${aws:username}']);
    const fixed = applyTemplateFix(bad, fixOf(bad, 'cfnUnescapedPolicyVariable')!);
    assert.ok(fixed.includes("!Sub '${HomeBucket.Arn}/home/${!aws:username}/*'"));
    assert.equal(parseDocument(fixed).errors.length, 0);
    assert.deepEqual(templateFindings(fixed, 'template.yaml'), []);
  });

  it('stays silent on ${!aws:username}, on a Sub variable with a colon-free name and outside Fn::Sub', () => {
    assert.deepEqual(templateFindings(template(allow("!Sub '${HomeBucket.Arn}/home/${!aws:username}/*'")), 'template.yaml'), []);
    assert.deepEqual(templateFindings(template(allow("!Sub ['${Objects}/home/*', { Objects: !Sub '${HomeBucket.Arn}' }]")), 'template.yaml').map((finding) => finding.ruleId), []);
  });

  it('reads the long form Fn::Sub too', () => {
    const long = template(allow("\n              Fn::Sub: '${HomeBucket.Arn}/home/${aws:PrincipalTag/team}/*'"));
    assert.deepEqual(underlinedIn(long, 'template.yaml', 'cfnUnescapedPolicyVariable'), ['${aws:PrincipalTag/team}']);
  });
});

describe('cfnUndefinedReference', () => {
  it('underlines a misspelt logical id and offers the close one (not preferred)', () => {
    const bad = template(allow("!Sub '${HomeBuckett.Arn}/*'"));
    assert.deepEqual(underlinedIn(bad, 'template.yaml', 'cfnUndefinedReference'), ['HomeBuckett']);
    const fix = fixOf(bad, 'cfnUndefinedReference')!;
    assert.equal(fix.isPreferred, false);
    assert.deepEqual(templateFindings(applyTemplateFix(bad, fix), 'template.yaml'), []);
  });

  it('underlines the logical id of !GetAtt and of !Ref', () => {
    const bad = template(allow("!Sub '${HomeBucket.Arn}/*'", '!GetAtt ReaderRole.Arn'));
    assert.deepEqual(underlinedIn(bad, 'template.yaml', 'cfnUndefinedReference'), ['ReaderRole']);
    const ref = template(allow("!Sub '${HomeBucket.Arn}/*'", '!Ref ReaderAccount'));
    assert.deepEqual(underlinedIn(ref, 'template.yaml', 'cfnUndefinedReference'), ['ReaderAccount']);
  });

  it('knows parameters, pseudo parameters and the resources SAM generates', () => {
    assert.deepEqual(templateFindings(template(allow("!Sub '${HomeBucket.Arn}/*'", "!Sub 'arn:aws:iam::${AWS::AccountId}:root'")), 'template.yaml'), []);
    const sam = template(allow("!Sub '${HomeBucket.Arn}/*'", '!GetAtt ThumbnailFunctionRole.Arn'), '  ThumbnailFunction:\n    Type: AWS::Serverless::Function\n').replace("AWSTemplateFormatVersion: '2010-09-09'", "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31");
    assert.deepEqual(underlinedIn(sam, 'template.yaml', 'cfnUndefinedReference'), []);
  });
});

describe('cfnYamlScalarTrap', () => {
  it('underlines an unquoted account ID with a leading zero, says what CloudFormation reads, and quotes it', () => {
    const bad = template(allow("!Sub '${HomeBucket.Arn}/*'", '012345670123'));
    const [finding] = templateFindings(bad, 'template.yaml').filter((candidate) => candidate.ruleId === 'cfnYamlScalarTrap');
    assert.equal(bad.slice(finding.offset, finding.offset + finding.length), '012345670123');
    assert.match(finding.message, /1402433619/);
    const fixed = applyTemplateFix(bad, finding.fixes[0]);
    assert.ok(fixed.includes("AWS: '012345670123'"));
    assert.deepEqual(templateFindings(fixed, 'template.yaml'), []);
  });

  it('stays silent on quoted numbers and numbers without a leading zero', () => {
    assert.deepEqual(templateFindings(template(allow("!Sub '${HomeBucket.Arn}/*'", "'012345670123'")), 'template.yaml'), []);
    // An unquoted account ID is a number, which invalidType reports; it is no YAML 1.1 trap.
    assert.deepEqual(underlinedIn(template(allow("!Sub '${HomeBucket.Arn}/*'", '210987654321')), 'template.yaml', 'cfnYamlScalarTrap'), []);
  });
});

describe('resourceNotPolicyBucket', () => {
  it('underlines a Resource on another bucket of the template, and mixedBuckets leaves it to this rule', () => {
    const bad = template(allow("!Sub '${ArchiveBucket.Arn}/*'"), '  ArchiveBucket:\n    Type: AWS::S3::Bucket\n');
    assert.deepEqual(templateFindings(bad, 'template.yaml').map((finding) => [finding.ruleId, bad.slice(finding.offset, finding.offset + finding.length)]), [['resourceNotPolicyBucket', '${ArchiveBucket.Arn}/*']]);
  });

  it('underlines a literal bucket name that cannot be the bucket CloudFormation names', () => {
    const bad = template(allow('arn:aws:s3:::acme-elsewhere/*'));
    assert.deepEqual(underlinedIn(bad, 'template.yaml', 'resourceNotPolicyBucket'), ['arn:aws:s3:::acme-elsewhere/*']);
  });

  it('stays silent when the bucket\'s name is a parameter, which may be that very name', () => {
    const text = template(allow('arn:aws:s3:::acme-elsewhere/*'), '', '\n    Properties:\n      BucketName: !Ref BucketNameParameter');
    assert.deepEqual(underlinedIn(text, 'template.yaml', 'resourceNotPolicyBucket'), []);
  });

  it('accepts the literal name the bucket is given', () => {
    const text = template(allow('arn:aws:s3:::acme-home/*'), '', '\n    Properties:\n      BucketName: acme-home');
    assert.deepEqual(templateFindings(text, 'template.yaml'), []);
  });
});
