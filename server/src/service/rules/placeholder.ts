/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { findPlaceholders, mayHavePlaceholders, PlaceholderMatch } from '../placeholders';
import { substringRange } from '../valueProblems';
import type { Rule, RuleContext } from './rule';

/** What a piece of template text most likely stands for, from the words in it. */
function standsFor(text: string): string {
  const hints: [RegExp, string][] = [
    [/bucket/i, 'the name of your bucket'],
    [/account|\d{12}/i, 'the 12-digit ID of the account you mean'],
    [/vpce|endpoint/i, 'the ID of your VPC endpoint (vpce-…)'],
    [/vpc/i, 'the ID of your VPC (vpc-…)'],
    [/org/i, 'your organization ID (o-…)'],
    [/role/i, 'the role name'],
    [/user/i, 'the user name'],
    [/distribution/i, 'the ID of your CloudFront distribution'],
  ];
  return hints.find(([pattern]) => pattern.test(text))?.[1] ?? 'the real value';
}

function message(match: PlaceholderMatch): string {
  switch (match.kind) {
    case 'templateVariable':
      return `"${match.text}" is a template variable (CloudFormation, Terraform or a script), not an IAM policy variable: S3 would keep it as literal text. Substitute ${standsFor(match.text)} before using the policy.`;
    case 'documentationAccount':
      return `${match.text} is an account ID from the AWS documentation's examples; no real policy grants to it. Replace it with ${standsFor(match.text)}.`;
    case 'exampleName':
      return `"${match.text}" is an example name from documentation, not yours. Replace it with ${standsFor(match.text)}.`;
    default:
      return `"${match.text}" is template text left in the policy. Replace it with ${standsFor(match.text)}.`;
  }
}

function checkString(context: RuleContext, node: Node, value: string): void {
  for (const match of findPlaceholders(value)) {
    context.report(substringRange(context.policy.text, node, match.index, match.text.length), message(match));
  }
}

function visit(context: RuleContext, node: Node | undefined, conditionKeysHere: boolean): void {
  if (node?.type === 'string') {
    checkString(context, node, String(node.value));
  } else if (node?.type === 'array') {
    for (const child of node.children ?? []) {
      visit(context, child, false);
    }
  } else if (node?.type === 'object') {
    for (const property of node.children ?? []) {
      const keyNode = property.children?.[0];
      if (conditionKeysHere && keyNode?.type === 'string') {
        checkString(context, keyNode, String(keyNode.value));
      }
      visit(context, property.children?.[1], false);
    }
  }
}

/**
 * Template text left in a policy: `<bucket>`, `YOUR-BUCKET-NAME`, `REPLACE_ME`, `${BucketName}` (a
 * template variable, not a policy variable), documentation account IDs (111122223333, 123456789012,
 * …) and example names (`DOC-EXAMPLE-BUCKET`, `amzn-s3-demo-bucket`, `example-bucket`). A policy with a
 * placeholder is never what was meant; the "add an HTTPS-only deny" fix leaves `<your-bucket-name>`
 * when the policy names no bucket, and this rule points at it on purpose.
 */
export const placeholder: Rule = {
  id: 'placeholder',
  defaultSeverity: 'warning',
  description: 'Template text left in the policy (<bucket>, YOUR-BUCKET-NAME, ${BucketName}, documentation account IDs, EXAMPLE names).',
  runsOnBrokenDocuments: true,
  check(context) {
    if (!mayHavePlaceholders(context.policy.text)) {
      return;
    }
    for (const statement of context.policy.statements) {
      for (const member of statement.members) {
        const { name } = member;
        if (name === 'Sid' || name === 'Effect') {
          continue;
        }
        if (name === 'Condition' && member.valueNode?.type === 'object') {
          for (const operator of member.valueNode.children ?? []) {
            visit(context, operator.children?.[1], true);
          }
        } else {
          visit(context, member.valueNode, false);
        }
      }
    }
  },
};
