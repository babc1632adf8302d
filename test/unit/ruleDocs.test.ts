/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ALL_RULE_DESCRIPTIONS as ALL_RULES } from '../../server/src/service/ruleRegistry';
import { CliFinding, cliFindings, describeFindings } from '../helpers/cliLint';
import { lint as lintHosted, ready as terraformReady } from './terraform/terraformTest';

const DOCS = path.resolve(__dirname, '../../../docs/rules');

/** The sections every rule page has, in this order (docs/rules/README.md explains them). */
const SECTIONS = ['What it checks', 'Why it matters', 'Failing example', 'Passing example', 'Fix', 'IAM Access Analyzer', 'Limits'];

/** The `## ` sections of a Markdown page, by heading. */
function sectionsOf(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const newline = part.indexOf('\n');
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return sections;
}

/** An example of a page: a policy file (```json), a CloudFormation template (```yaml) or a Terraform file (```hcl). */
interface Example {
  language: 'json' | 'yaml' | 'hcl';
  text: string;
}

/** The contents of the fenced ```json, ```yaml and ```hcl blocks of a section. */
function exampleBlocks(section: string | undefined): Example[] {
  return [...(section ?? '').matchAll(/^```(json|yaml|hcl)\n([\s\S]*?)^```$/gm)].map((match) => ({ language: match[1] as Example['language'], text: match[2] }));
}

/** The findings of an example, linted as the CLI lints a file of its kind. */
function exampleFindings(example: Example): CliFinding[] {
  if (example.language === 'json') {
    return cliFindings(example.text);
  }
  return lintHosted(example.text, example.language === 'yaml' ? 'template.yaml' : 'main.tf').map(({ ruleId, message }) => ({ ruleId, message }));
}

/**
 * Other rules a failing example may also produce, where that cannot be avoided: each of these pages
 * shows its mistake in the HTTPS-only deny itself (or has no statement at all), so the policy has no
 * working deny either.
 */
const UNAVOIDABLE_ALONGSIDE: Record<string, string[]> = {
  emptyStatement: ['missingSecureTransportDeny'],
  invalidEffect: ['missingSecureTransportDeny'],
  invalidType: ['missingSecureTransportDeny'],
  missingElement: ['missingSecureTransportDeny'],
  missingPrincipal: ['missingSecureTransportDeny'],
  // The doubled prefix is in the HTTPS-only deny, which then covers no ARN of the bucket's objects.
  terraformDoubledArnPrefix: ['incompleteSecureTransportDeny'],
};

const ruleIds = new Set(ALL_RULES.map((rule) => rule.id));
const pages = fs.readdirSync(DOCS).filter((file) => file.endsWith('.md') && file !== 'README.md' && file !== 'access-analyzer.md');

describe('rule docs', () => {
  before(terraformReady);
  it('has a page docs/rules/<ruleId>.md for every rule in ALL_RULES', () => {
    const missing = [...ruleIds].filter((id) => !pages.includes(`${id}.md`));
    assert.deepEqual(missing, [], 'write docs/rules/<ruleId>.md for each of these (see docs/rules/README.md for the sections)');
  });

  it('has no page for a rule that does not exist', () => {
    assert.deepEqual(pages.filter((file) => !ruleIds.has(file.slice(0, -'.md'.length))), []);
  });

  it('lists every rule in the index docs/rules/README.md', () => {
    const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    const unlisted = [...ruleIds].filter((id) => !index.includes(`[${id}](${id}.md)`));
    assert.deepEqual(unlisted, [], 'run `npm run generate-settings` to regenerate the index');
  });

  for (const rule of ALL_RULES) {
    const file = path.join(DOCS, `${rule.id}.md`);
    if (!fs.existsSync(file)) {
      continue;
    }
    describe(`${rule.id}.md`, () => {
      const markdown = fs.readFileSync(file, 'utf8');
      const sections = sectionsOf(markdown);

      it('is titled with the rule id and has the standard sections, in order', () => {
        assert.equal(markdown.split('\n')[0], `# ${rule.id}`);
        assert.deepEqual([...sections.keys()], SECTIONS);
        for (const [heading, text] of sections) {
          assert.ok(text.trim().length > 0, `"## ${heading}" is empty`);
        }
      });

      it('has a failing example that produces the rule, and other rules only where unavoidable', () => {
        const examples = exampleBlocks(sections.get('Failing example'));
        assert.ok(examples.length > 0, 'no ```json, ```yaml or ```hcl block under "## Failing example"');
        const allowed = new Set([rule.id, ...(UNAVOIDABLE_ALONGSIDE[rule.id] ?? [])]);
        for (const example of examples) {
          const findings = exampleFindings(example);
          assert.ok(findings.some((finding) => finding.ruleId === rule.id), `the failing example does not produce ${rule.id}:\n${example.text}`);
          assert.deepEqual(findings.filter((finding) => !allowed.has(finding.ruleId)), [], `the failing example also produces other rules:\n${describeFindings(findings)}`);
        }
      });

      it('has a passing example that produces no finding at all', () => {
        const examples = exampleBlocks(sections.get('Passing example'));
        assert.ok(examples.length > 0, 'no ```json, ```yaml or ```hcl block under "## Passing example"');
        for (const example of examples) {
          const findings = exampleFindings(example);
          assert.deepEqual(findings, [], `the passing example is not clean:\n${describeFindings(findings)}\n${example.text}`);
        }
      });
    });
  }
});
