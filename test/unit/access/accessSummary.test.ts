/* S3 Bucket Policy — MIT License. */
/**
 * The access summary of every example policy (examples/) and every corpus policy
 * (test/fixtures/policies/): its verdicts and one-line text must equal test/fixtures/access/summaries.json
 * (reviewed by hand; `UPDATE_ACCESS_SUMMARIES=1` rewrites it), and they must agree with the rules
 * that read the same verdicts: HTTP is denied to everyone exactly when no HTTPS-only rule fires, and
 * a publicAccess finding means the policy is public.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { summarizeAccess } from '../../../server/src/service/access/accessSummary';
import { parsePolicy } from '../../../server/src/service/parser/parsePolicy';
import { invertedEntries, policyHttpDenial } from '../../../server/src/service/access/httpDenial';
import { hasTemplateVariableOpening } from '../../../server/src/service/placeholders';
import { cliFindings } from '../../helpers/cliLint';
import { allow, deny, policyText } from './accessFixtures';

const ROOT = path.resolve(__dirname, '../../../..');
const SNAPSHOT = path.join(ROOT, 'test/fixtures/access/summaries.json');

/** Every example and corpus policy, relative to the repository root. */
function policyFiles(): string[] {
  const corpus = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/policies/manifest.json'), 'utf8')) as { policies: Record<string, unknown> };
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((name) => name.endsWith('.json')).map((name) => `examples/${name}`);
  return [...examples, ...Object.keys(corpus.policies).map((name) => `test/fixtures/policies/${name}`)].sort();
}

interface Expected {
  public: boolean;
  publicActions: string[];
  httpsOnly: boolean;
  line: string;
}

const files = policyFiles();
const actual: Record<string, Expected> = {};
for (const file of files) {
  const summary = summarizeAccess(parsePolicy(fs.readFileSync(path.join(ROOT, file), 'utf8')), undefined);
  actual[file] = { public: summary.public, publicActions: summary.publicActions, httpsOnly: summary.httpsOnly, line: summary.line };
}
if (process.env.UPDATE_ACCESS_SUMMARIES === '1') {
  fs.writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
}
const expected = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Record<string, Expected>;

describe('access summary of every example and corpus policy', () => {
  it('covers every example and corpus policy, and nothing else', () => {
    assert.ok(files.length >= 190, `only ${files.length} policies`);
    assert.deepEqual(Object.keys(expected).sort(), files);
  });

  for (const file of files) {
    it(file, () => {
      assert.deepEqual(actual[file], expected[file]);
      const rules = new Set(cliFindings(fs.readFileSync(path.join(ROOT, file), 'utf8'), file).map((finding) => finding.ruleId));
      const policy = parsePolicy(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      // The rules read a pasted document (typographic quotes) as repaired; the summary reads it as parsed.
      if (rules.has('publicAccess') && policy.syntaxProblems.length === 0) {
        assert.equal(actual[file].public, true, 'publicAccess reports an Allow to everyone');
      }
      // One verdict (access/httpDenial.ts) for the "HTTP" row and the HTTPS-only rules: HTTP denied to everyone exactly when
      // neither missingSecureTransportDeny nor incompleteSecureTransportDeny fires, nor invertedSecureTransport on a Deny (which
      // stands for the missing deny). Outside that: a document without a Statement (the rule has nowhere to report), one the rules
      // read as repaired, and a template variable the rules cannot know.
      const statementNode = policy.topMembers.get('Statement')?.valueNode;
      if (policy.syntaxProblems.length === 0 && (statementNode?.type === 'array' || statementNode?.type === 'object') && !hasTemplateVariableOpening(policy.text)) {
        const invertedDeny = policy.statements.some((statement) => statement.elements.Effect?.valueNode?.value === 'Deny' && invertedEntries(statement).length > 0);
        const flagged = rules.has('missingSecureTransportDeny') || rules.has('incompleteSecureTransportDeny') || invertedDeny;
        assert.equal(actual[file].httpsOnly, !flagged, 'the summary says HTTP is denied to everyone exactly when no HTTPS-only rule fires');
      }
    });
  }
});

describe('access summary: worked examples', () => {
  const summary = (statements: object[], owner?: string) => summarizeAccess(parsePolicy(policyText(statements)), owner);
  const httpsDeny = deny('*', 's3:*', ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*'], { Bool: { 'aws:SecureTransport': 'false' } });

  it('E1: public read, with the action and the public statement', () => {
    const result = summary([allow('*', 's3:GetObject', 'arn:aws:s3:::b1/*'), httpsDeny]);
    assert.equal(result.public, true);
    assert.deepEqual(result.publicActions, ['s3:GetObject']);
    assert.equal(result.httpsOnly, true);
    assert.match(result.line, /^Public: read \(s3:GetObject\) · .*HTTP: denied to everyone/);
  });

  it('E35-style VPC endpoint fence: a named account reads only through the endpoint', () => {
    const result = summary([allow({ AWS: '444455556666' }, ['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*']), deny('*', 's3:*', ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*'], { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }), httpsDeny], '111122223333');
    assert.equal(result.public, false);
    assert.match(result.line, /Account 444455556666: list and read, only through vpce-1a2b3c4d/);
    const grant = result.grants.find((entry) => entry.who.kind === 'account')!;
    assert.equal(grant.ifIdentityAllows, true);
    assert.deepEqual(grant.statements, [0]);
  });

  it('§4.2 rule 1: an Allow to everyone fenced by a Deny is public for S3 but lets no anonymous request in', () => {
    const result = summary([allow('*', 's3:GetObject', 'arn:aws:s3:::b1/*'), deny('*', 's3:*', ['arn:aws:s3:::b1', 'arn:aws:s3:::b1/*'], { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })]);
    assert.equal(result.public, true);
    assert.deepEqual(result.publicActions, []);
    assert.match(result.line, /^Public for S3 \(statement 0\), though no anonymous request gets in/);
  });

  it('E67: a /7 range is public, a /24 range is not', () => {
    assert.equal(summary([allow('*', 's3:GetObject', 'arn:aws:s3:::b1/*', { IpAddress: { 'aws:SourceIp': '52.0.0.0/7' } })]).public, true);
    assert.deepEqual(summary([allow('*', 's3:GetObject', 'arn:aws:s3:::b1/*', { IpAddress: { 'aws:SourceIp': '52.0.0.0/7' } })]).publicActions, ['s3:GetObject']);
    const narrow = summary([allow('*', 's3:GetObject', 'arn:aws:s3:::b1/*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })]);
    assert.equal(narrow.public, false);
    assert.deepEqual(narrow.publicActions, []);
    assert.ok(narrow.grants.some((grant) => grant.who.kind === 'anonymous' && grant.via?.value === '203.0.113.0/24'));
  });

  it('E19/E20: a service with its source guard and without it', () => {
    const result = summary([{ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b1/logs/*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::src1' } } }]);
    const labels = result.grants.filter((grant) => grant.who.kind !== 'ownerAccount').map((grant) => grant.who.label);
    assert.deepEqual(labels, ['logging.s3.amazonaws.com for the sources the policy names']);
  });

  it('an unguarded service grant is listed as such', () => {
    const result = summary([allow({ Service: 'logging.s3.amazonaws.com' }, 's3:PutObject', 'arn:aws:s3:::b1/logs/*')]);
    assert.deepEqual(result.grants.filter((grant) => grant.who.kind !== 'ownerAccount').map((grant) => grant.who.label), ['logging.s3.amazonaws.com']);
  });

  it('a write grant to another account: somebody outside can change permissions when PutObjectAcl is granted', () => {
    const result = summary([allow({ AWS: '444455556666' }, 's3:PutObjectAcl', 'arn:aws:s3:::b1/*')], '111122223333');
    assert.doesNotMatch(result.line, /Nobody outside the account can change permissions/);
  });
});

describe('the HTTPS-only verdict of a policy tree is kept per attached bucket', () => {
  it('a deny on bucket b holds for a policy attached to b, not once the same tree is attached to c', () => {
    const policy = parsePolicy(JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-b', 'arn:aws:s3:::acme-b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    }));
    policy.attachedBucket = { name: 'acme-b', description: 'the bucket b' };
    assert.equal(policyHttpDenial(policy).everyone, 'yes');
    policy.attachedBucket = { name: 'acme-c', description: 'the bucket c' };
    assert.equal(policyHttpDenial(policy).everyone, 'no');
    policy.attachedBucket = { name: 'acme-b', description: 'the bucket b' };
    assert.equal(policyHttpDenial(policy).everyone, 'yes');
  });
});
