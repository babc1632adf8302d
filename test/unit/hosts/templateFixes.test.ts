/* S3 Bucket Policy — MIT License. */
/**
 * Fixes in templates: each fix (and fix-all) applied to the whole template, which is parsed again
 * (YAML with no errors, JSON with JSON.parse) and linted again: no error-level finding may appear
 * that was not there, and the finding fixed must be gone. The cases issue 16 names are pinned to the
 * exact text: the HTTPS-only deny in block YAML, flow YAML and JSON (naming the bucket with the
 * template's own symbols), Effect case, action prefix case, Version, a resource added to a scalar
 * Resource, a duplicate action removed, each in the template's scalar style and indentation.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { PolicyFinding } from '../../../server/src/service/policyLanguageTypes';
import { DEFAULT_LINT_SETTINGS } from '../../../server/src/service/policyLanguageService';
import { DEFAULT_RECOGNITION_SETTINGS } from '../../../server/src/service/policyRecognition';
import { applyTemplateFix, hosted, templateFindings } from '../../helpers/templateTest';

const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/templates');

/** The parse problem of a template text, or undefined when it parses. */
function parseProblem(text: string, file: string): string | undefined {
  if (/\.ya?ml$/.test(file)) {
    const documents = parseAllDocuments(text, { uniqueKeys: false });
    return (Array.isArray(documents) ? documents : [documents]).flatMap((document) => document.errors)[0]?.message;
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const key = (finding: PolicyFinding) => `${finding.ruleId}: ${finding.message}`;

function count(findings: PolicyFinding[], wanted: string): number {
  return findings.filter((finding) => key(finding) === wanted).length;
}

/** Applies every fix of every finding, and fix-all, checking the properties above; returns the number of fixes checked. */
function checkEveryFix(text: string, file: string): number {
  assert.equal(parseProblem(text, file), undefined, `${file} must parse before it is fixed`);
  const before = templateFindings(text, file);
  const errorsBefore = before.filter((finding) => finding.severity === 'error').map(key);
  const checkAfter = (fixed: string, what: string) => {
    assert.equal(parseProblem(fixed, file), undefined, `${file}: ${what} leaves a template that does not parse:\n${fixed}`);
    const after = templateFindings(fixed, file);
    const newErrors = after.filter((finding) => finding.severity === 'error' && count(after, key(finding)) > errorsBefore.filter((known) => known === key(finding)).length);
    assert.deepEqual(newErrors.map(key), [], `${file}: ${what} adds error-level findings:\n${fixed}`);
    return after;
  };
  let checked = 0;
  for (const finding of before) {
    for (const fix of finding.fixes) {
      const what = `${finding.ruleId} fix "${fix.title}"`;
      const after = checkAfter(applyTemplateFix(text, fix), what);
      assert.ok(count(after, key(finding)) < count(before, key(finding)), `${file}: ${what} leaves the finding`);
      checked++;
    }
  }
  const all = hosted.fixAll(text, file, undefined, DEFAULT_RECOGNITION_SETTINGS, DEFAULT_LINT_SETTINGS);
  const after = checkAfter(all.text, 'fix-all');
  assert.deepEqual(after.filter((finding) => finding.fixes.some((fix) => fix.isPreferred)).map(key), [], `${file}: fix-all leaves preferred fixes`);
  return checked;
}

/** The one finding of `ruleId`, its preferred (or only) fix applied to the whole text. */
function fixed(text: string, file: string, ruleId: string): string {
  const findings = templateFindings(text, file).filter((finding) => finding.ruleId === ruleId);
  assert.equal(findings.length, 1, `one ${ruleId} finding expected, have ${findings.length}`);
  const fix = findings[0].fixes.find((candidate) => candidate.isPreferred) ?? findings[0].fixes[0];
  assert.ok(fix, `${ruleId} offers no fix`);
  const result = applyTemplateFix(text, fix);
  assert.equal(parseProblem(result, file), undefined, result);
  return result;
}

const lines = (...parts: string[]) => `${parts.join('\n')}\n`;

const BLOCK_HEAD = [
  'Resources:',
  '  LogsBucket:',
  '    Type: AWS::S3::Bucket',
  '  LogsBucketPolicy:',
  '    Type: AWS::S3::BucketPolicy',
  '    Properties:',
  '      Bucket: !Ref LogsBucket',
  '      PolicyDocument:',
];

describe('fixes in YAML templates (block style)', () => {
  const statement = (effect: string, action: string, resource: string) => [
    '          - Sid: Readers',
    `            Effect: ${effect}`,
    '            Principal:',
    '              AWS: arn:aws:iam::210987654321:root',
    `            Action: ${action}`,
    `            Resource: ${resource}`,
  ];
  const template = (effect = 'Allow', action = 's3:GetObject', resource = "!Sub '${LogsBucket.Arn}/*'", version = "        Version: '2012-10-17'") =>
    lines(...BLOCK_HEAD, ...(version ? [version] : []), '        Statement:', ...statement(effect, action, resource));

  it('adds the HTTPS-only deny after the last statement, naming the bucket !GetAtt LogsBucket.Arn and !Sub \'${LogsBucket.Arn}/*\'', () => {
    assert.equal(fixed(template(), 't.yaml', 'missingSecureTransportDeny'), template() + lines(
      '          - Sid: DenyInsecureTransport',
      '            Effect: Deny',
      "            Principal: '*'",
      '            Action: s3:*',
      '            Resource:',
      '              - !GetAtt LogsBucket.Arn',
      "              - !Sub '${LogsBucket.Arn}/*'",
      '            Condition:',
      '              Bool:',
      "                aws:SecureTransport: 'false'",
    ));
  });

  it('adds the HTTPS-only deny at four-space indentation in a four-space template', () => {
    const text = lines(
      'Resources:',
      '    LogsBucket:',
      '        Type: AWS::S3::Bucket',
      '    LogsBucketPolicy:',
      '        Type: AWS::S3::BucketPolicy',
      '        Properties:',
      '            Bucket: !Ref LogsBucket',
      '            PolicyDocument:',
      "                Version: '2012-10-17'",
      '                Statement:',
      '                    -   Sid: Readers',
      '                        Effect: Allow',
      '                        Principal:',
      '                            AWS: arn:aws:iam::210987654321:root',
      '                        Action: s3:GetObject',
      "                        Resource: !Sub '${LogsBucket.Arn}/*'",
    );
    assert.equal(fixed(text, 't.yaml', 'missingSecureTransportDeny'), text + lines(
      '                    -   Sid: DenyInsecureTransport',
      '                        Effect: Deny',
      "                        Principal: '*'",
      '                        Action: s3:*',
      '                        Resource:',
      '                            - !GetAtt LogsBucket.Arn',
      "                            - !Sub '${LogsBucket.Arn}/*'",
      '                        Condition:',
      '                            Bool:',
      "                                aws:SecureTransport: 'false'",
    ));
  });

  it('writes a condition it copies from another statement on lines of its own (a block mapping cannot follow "Bool: ")', () => {
    const text = lines(...BLOCK_HEAD, "        Version: '2012-10-17'", '        Statement:',
      '          - Effect: deny',
      "            Principal: '*'",
      '            Action: s3:*',
      "            Resource: [!GetAtt LogsBucket.Arn, !Sub '${LogsBucket.Arn}/*']",
      '            Condition:',
      '              Bool:',
      "                aws:SecureTransport: 'false'");
    const result = fixed(text, 't.yaml', 'missingSecureTransportDeny');
    assert.match(result, /\n {12}Condition:\n {14}Bool:\n {16}aws:SecureTransport: 'false'\n$/);
  });

  for (const [written, expected] of [['allow', 'Allow'], ["'allow'", "'Allow'"], ['"DENY"', '"Deny"']]) {
    it(`changes Effect ${written} to ${expected}, keeping the scalar style`, () => {
      const text = template(written);
      assert.equal(fixed(text, 't.yaml', 'invalidEffect'), template(expected));
    });
  }

  for (const [written, expected] of [['S3:GetObject', 's3:GetObject'], ["'S3:GetObject'", "'s3:GetObject'"], ['"S3:GetObject"', '"s3:GetObject"']]) {
    it(`changes the action prefix of ${written} to ${expected}`, () => {
      assert.equal(fixed(template('Allow', written), 't.yaml', 'actionPrefixCase'), template('Allow', expected));
    });
  }

  it('adds Version above Statement', () => {
    assert.equal(fixed(template('Allow', 's3:GetObject', "!Sub '${LogsBucket.Arn}/*'", ''), 't.yaml', 'missingVersion'), template());
  });

  it('wraps a scalar Resource into a list to add the bucket ARN for s3:ListBucket, written !GetAtt LogsBucket.Arn', () => {
    const text = template('Allow', '[s3:GetObject, s3:ListBucket]');
    const result = fixed(text, 't.yaml', 'actionResourceMismatch');
    assert.equal(result, text.replace("            Resource: !Sub '${LogsBucket.Arn}/*'\n", lines(
      '            Resource:',
      "              - !Sub '${LogsBucket.Arn}/*'",
      '              - !GetAtt LogsBucket.Arn',
    )));
  });

  it('removes a duplicate action from a block sequence with its line', () => {
    const text = template('Allow', '\n              - s3:GetObject\n              - "s3:PutObject"\n              - s3:GetObject');
    assert.equal(fixed(text, 't.yaml', 'redundantAction'), template('Allow', '\n              - s3:GetObject\n              - "s3:PutObject"'));
  });
});

describe('fixes in YAML templates (flow style)', () => {
  const template = (statement: string, version = "Version: '2012-10-17', ") => lines(...BLOCK_HEAD.slice(0, -1), `      PolicyDocument: {${version}Statement: [${statement}]}`);
  const READERS = "{Sid: Readers, Effect: Allow, Principal: {AWS: 'arn:aws:iam::210987654321:root'}, Action: [s3:GetObject], Resource: !Sub '${LogsBucket.Arn}/*'}";

  it('adds the HTTPS-only deny as a flow mapping after the last statement', () => {
    assert.equal(fixed(template(READERS), 't.yaml', 'missingSecureTransportDeny'), template(`${READERS}, {Sid: DenyInsecureTransport, Effect: Deny, Principal: '*', Action: 's3:*', Resource: [!GetAtt LogsBucket.Arn, !Sub '\${LogsBucket.Arn}/*'], Condition: {Bool: {'aws:SecureTransport': 'false'}}}`));
  });

  it('changes Effect case in a flow mapping, keeping the double quotes', () => {
    assert.equal(fixed(template(READERS.replace('Effect: Allow', 'Effect: "allow"')), 't.yaml', 'invalidEffect'), template(READERS.replace('Effect: Allow', 'Effect: "Allow"')));
  });

  it('removes a duplicate action from a flow sequence with its comma', () => {
    assert.equal(fixed(template(READERS.replace('[s3:GetObject]', '[s3:GetObject, s3:GetObject]')), 't.yaml', 'redundantAction'), template(READERS));
  });

  it('adds Version to the flow mapping', () => {
    const result = fixed(template(READERS, ''), 't.yaml', 'missingVersion');
    assert.match(result, /PolicyDocument: \{Version: '2012-10-17', Statement: \[/);
  });

  it('changes the action prefix of a plain scalar in a flow sequence and keeps it plain', () => {
    assert.equal(fixed(template(READERS.replace('[s3:GetObject]', '[S3:GetObject]')), 't.yaml', 'actionPrefixCase'), template(READERS));
  });
});

describe('fixes in JSON templates', () => {
  const template = (statements: string, version = '"Version": "2012-10-17",\n          ') => `{
  "Resources": {
    "LogsBucket": { "Type": "AWS::S3::Bucket" },
    "LogsBucketPolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": { "Ref": "LogsBucket" },
        "PolicyDocument": {
          ${version}"Statement": [
            ${statements}
          ]
        }
      }
    }
  }
}
`;
  const readers = (effect = 'Allow', actions = '"s3:GetObject"') => `{ "Sid": "Readers", "Effect": "${effect}", "Principal": { "AWS": "arn:aws:iam::210987654321:root" }, "Action": [${actions}], "Resource": { "Fn::Sub": "\${LogsBucket.Arn}/*" } }`;

  it('adds the HTTPS-only deny naming the bucket with Fn::GetAtt and Fn::Sub', () => {
    const result = fixed(template(readers()), 't.json', 'missingSecureTransportDeny');
    const policy = (JSON.parse(result) as { Resources: { LogsBucketPolicy: { Properties: { PolicyDocument: { Statement: unknown[] } } } } }).Resources.LogsBucketPolicy.Properties.PolicyDocument;
    assert.deepEqual(policy.Statement[1], {
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
      Resource: [{ 'Fn::GetAtt': ['LogsBucket', 'Arn'] }, { 'Fn::Sub': '${LogsBucket.Arn}/*' }],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    assert.ok(result.startsWith(template(readers()).slice(0, template(readers()).indexOf(readers()) + readers().length)));
    assert.match(result, /\n {12}\{\n {14}"Sid": "DenyInsecureTransport",\n {14}"Effect": "Deny",/);
  });

  it('changes Effect case', () => {
    assert.equal(fixed(template(readers('allow')), 't.json', 'invalidEffect'), template(readers()));
  });

  it('changes the action prefix case', () => {
    assert.equal(fixed(template(readers('Allow', '"S3:GetObject"')), 't.json', 'actionPrefixCase'), template(readers()));
  });

  it('adds Version', () => {
    assert.equal(fixed(template(readers(), ''), 't.json', 'missingVersion'), template(readers()));
  });

  it('removes a duplicate action with its comma', () => {
    assert.equal(fixed(template(readers('Allow', '"s3:GetObject", "s3:GetObject"')), 't.json', 'redundantAction'), template(readers()));
  });

  it('wraps a Fn::Sub Resource into a list to add Fn::GetAtt for s3:ListBucket', () => {
    const result = fixed(template(readers('Allow', '"s3:GetObject", "s3:ListBucket"')), 't.json', 'actionResourceMismatch');
    const statement = (JSON.parse(result) as { Resources: { LogsBucketPolicy: { Properties: { PolicyDocument: { Statement: { Resource: unknown }[] } } } } }).Resources.LogsBucketPolicy.Properties.PolicyDocument.Statement[0];
    assert.deepEqual(statement.Resource, [{ 'Fn::Sub': '${LogsBucket.Arn}/*' }, { 'Fn::GetAtt': ['LogsBucket', 'Arn'] }]);
  });
});

describe('every fix of every corpus template', () => {
  const files = (directory = ''): string[] => fs.readdirSync(path.join(CORPUS, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = directory ? `${directory}/${entry.name}` : entry.name;
    return entry.isDirectory() ? files(relative) : relative === 'manifest.json' ? [] : [relative];
  });
  for (const file of files().sort()) {
    it(`${file}: each fix and fix-all leave a template that parses, without new errors`, () => {
      checkEveryFix(fs.readFileSync(path.join(CORPUS, file), 'utf8'), file);
    });
  }

  it('checks fixes at all (the corpus has fixable findings)', () => {
    const total = files().reduce((sum, file) => sum + checkEveryFix(fs.readFileSync(path.join(CORPUS, file), 'utf8'), file), 0);
    assert.ok(total >= 30, `only ${total} fixes`);
  });
});
