/* S3 Bucket Policy — MIT License. */
import type { HostDocument } from '../../embeddedPolicy';
import { hostChecksOf } from '../../hostRule';
import type { TemplateCheckInput, TemplateRule } from './templateRule';
import { cfnUndefinedReference } from './undefinedReference';
import { cfnUnescapedPolicyVariable } from './unescapedPolicyVariable';
import { cfnTemplateSyntax } from './templateSyntax';
import { cfnYamlScalarTrap } from './yamlScalarTrap';

/** The checks that exist only in CloudFormation templates. */
export const TEMPLATE_RULES: readonly TemplateRule[] = [cfnTemplateSyntax, cfnUnescapedPolicyVariable, cfnUndefinedReference, cfnYamlScalarTrap];

/** The host checks of a template. */
export function templateHostChecks(input: TemplateCheckInput): HostDocument['hostChecks'] {
  return hostChecksOf(TEMPLATE_RULES, input);
}
