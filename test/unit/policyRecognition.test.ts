/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_RECOGNITION_SETTINGS, isBucketPolicy } from '../../server/src/service/policyRecognition';
import type { PolicyRecognitionSettings } from '../../server/src/service/policyLanguageTypes';
import { REPO_ROOT } from '../helpers/lspClient';
import { HTTPS_ONLY_DENY, lint, PARTNER_READ, policyWith, service } from '../helpers/policyTest';

const NOT_A_POLICY = path.join(REPO_ROOT, 'test/fixtures/not-a-policy');
const BY_NAME_ONLY: PolicyRecognitionSettings = { ...DEFAULT_RECOGNITION_SETTINGS, detectByContent: false };

const recognised = (filePath: string | undefined, text: string, settings = DEFAULT_RECOGNITION_SETTINGS) => isBucketPolicy(filePath, service.parse(text), settings);

describe('isBucketPolicy', () => {
  describe('negative fixtures (test/fixtures/not-a-policy)', () => {
    for (const name of fs.readdirSync(NOT_A_POLICY)) {
      it(`does not take ${name} for a policy, by its path or by its content`, () => {
        const filePath = path.join(NOT_A_POLICY, name);
        const text = fs.readFileSync(filePath, 'utf8');
        assert.equal(recognised(filePath, text), false);
        assert.equal(recognised(undefined, text), false);
      });
    }

    it('has the five kinds the design names, so none is lost in a clean-up', () => {
      const names = fs.readdirSync(NOT_A_POLICY);
      for (const required of ['package.json', 'tsconfig.json', 'cloudformation-template.json', 'array.json', 'empty.json']) {
        assert.ok(names.includes(required), required);
      }
      assert.match(fs.readFileSync(path.join(NOT_A_POLICY, 'cloudformation-template.json'), 'utf8'), /"PolicyDocument": \{\s*"Version"/);
    });
  });

  describe('by file name', () => {
    for (const filePath of [
      '/home/dev/infra/prod-bucket-policy.json',
      '/home/dev/infra/assets_bucket_policy.json',
      '/home/dev/infra/assets.s3-policy.json',
      '/home/dev/infra/assets.s3policy.json',
      '/home/dev/infra/Prod-Bucket-Policy.JSON',
      '/home/dev/.config/bucket-policy.json',
      'C:\\Users\\dev\\infra\\bucket-policy.json',
      '/c:/Users/dev/infra/bucket-policy.json',
    ]) {
      it(`recognises ${filePath} whatever it holds, even with content detection off`, () => {
        assert.equal(recognised(filePath, '{"name": "not really a policy"}', BY_NAME_ONLY), true);
        assert.equal(recognised(filePath, '', BY_NAME_ONLY), true);
      });
    }

    it('uses the configured globs instead of the defaults', () => {
      const settings: PolicyRecognitionSettings = { files: ['**/policies/*.json'], detectByContent: false };
      assert.equal(recognised('/srv/repo/policies/assets.json', '{}', settings), true);
      assert.equal(recognised('/srv/repo/bucket-policy.json', '{}', settings), false);
      assert.equal(recognised('/srv/repo/bucket-policy.json', '{}', { files: [], detectByContent: false }), false);
    });

    it('matches absolute globs, with or without a drive letter', () => {
      assert.equal(recognised('/srv/repo/policies/assets.json', '{}', { files: ['/srv/repo/policies/*.json'], detectByContent: false }), true);
      assert.equal(recognised('/c:/repo/policies/assets.json', '{}', { files: ['C:/repo/policies/*.json'], detectByContent: false }), true);
      assert.equal(recognised('C:\\repo\\policies\\assets.json', '{}', { files: ['c:/repo/policies/*.json'], detectByContent: false }), true);
    });
  });

  describe('by content', () => {
    it('recognises Statement with Version, or with Id', () => {
      assert.equal(recognised('/tmp/a.json', '{"Version": "2012-10-17", "Statement": []}'), true);
      assert.equal(recognised('/tmp/a.json', '{"Id": "Policy1", "Statement": "anything"}'), true);
    });

    it('recognises statement-shaped items without Version, as an array or a single object', () => {
      assert.equal(recognised(undefined, `{"Statement": [${HTTPS_ONLY_DENY}]}`), true);
      assert.equal(recognised(undefined, `{"Statement": ${HTTPS_ONLY_DENY}}`), true);
      assert.equal(recognised(undefined, '{"Statement": [{"Effect": "Allow"}]}'), true);
    });

    it('keeps recognising a policy while it is half typed', () => {
      assert.equal(recognised(undefined, '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Al'), true);
    });

    it('recognises a policy pasted with typographic quotes, and one with single quotes', () => {
      const pasted = policyWith(PARTNER_READ).replace(/"([^"]*)"/g, '\u201C$1\u201D');
      assert.equal(recognised(undefined, pasted), true);
      assert.ok(lint(pasted).some((finding) => finding.ruleId === 'smartQuotes'));
      assert.equal(recognised(undefined, policyWith(PARTNER_READ).replace(/"/g, '\'')), true);
    });

    it('does nothing by content when detectByContent is off', () => {
      assert.equal(recognised('/tmp/a.json', policyWith(PARTNER_READ), BY_NAME_ONLY), false);
    });

    it('does not take a Statement that is text, or a top-level statement, for a policy', () => {
      assert.equal(recognised(undefined, '{"Statement": ["Revenue grew."]}'), false);
      assert.equal(recognised(undefined, HTTPS_ONLY_DENY), false);
      assert.equal(recognised(undefined, '{"statement": [{"Effect": "Allow"}], "version": "2012-10-17"}'), false);
    });
  });
});
