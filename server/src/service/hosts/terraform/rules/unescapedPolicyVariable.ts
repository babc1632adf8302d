/* S3 Bucket Policy — MIT License. */
import type { TerraformRule } from './terraformRule';

/** `${aws:username}` not preceded by another `$`: an IAM policy variable Terraform reads as an interpolation. */
export const UNESCAPED_VARIABLE = /(?<!\$)\$\{(\s*[A-Za-z][\w-]*:[\w./*-]+\s*)\}/g;

/**
 * An IAM policy variable (`${aws:username}`) in a Terraform string, heredoc or template, not escaped
 * as `$${aws:username}`: Terraform reads `${` as an interpolation and fails ("Extra characters after
 * interpolation expression"). The fix doubles the `$`.
 */
export const terraformUnescapedPolicyVariable: TerraformRule = {
  id: 'terraformUnescapedPolicyVariable',
  defaultSeverity: 'error',
  description: 'An IAM policy variable in a Terraform string or template is not escaped as $${…}.',
  check({ text }, report) {
    for (const match of text.matchAll(UNESCAPED_VARIABLE)) {
      const name = match[1].trim();
      report({
        offset: match.index,
        length: match[0].length,
        message: `Terraform reads "\${${name}}" as an interpolation and fails ("Extra characters after interpolation expression"). Write "$\${${name}}": Terraform then sends \${${name}} to AWS. (In aws_iam_policy_document, "&{${name}}" works too.)`,
        fixes: [{ title: `Escape as $\${${name}}`, isPreferred: true, edits: [{ offset: match.index, length: 0, content: '$' }] }],
      });
    }
  },
};
