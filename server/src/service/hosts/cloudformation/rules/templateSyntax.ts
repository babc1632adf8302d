/* S3 Bucket Policy — MIT License. */
import type { TemplateRule } from './templateRule';

/**
 * The template is not valid YAML (or JSON). CloudFormation rejects it before it reads any policy,
 * and what we read of it may not be what the author meant. In the editor the YAML and JSON
 * extensions report these errors; the CLI reports them here.
 */
export const cfnTemplateSyntax: TemplateRule = {
  id: 'cfnTemplateSyntax',
  defaultSeverity: 'error',
  description: 'The CloudFormation template is not valid YAML or JSON (reported by the CLI; in the editor, by the YAML and JSON extensions).',
  check(input, report) {
    for (const problem of input.syntaxProblems) {
      report({ offset: problem.offset, length: problem.length, message: `The template is not valid ${input.syntax === 'yaml' ? 'YAML' : 'JSON'}: ${problem.message.replace(/\.?$/, '.')} CloudFormation rejects it before it reads the bucket policy.`, fixes: [] });
    }
  },
};
