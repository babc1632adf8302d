/* S3 Bucket Policy — MIT License. */
import { TEMPLATE_RULES } from './hosts/cloudformation/rules';
import { TERRAFORM_RULES } from './hosts/terraform/rules';
import type { RuleSeverity } from './policyLanguageTypes';
import { ALL_RULES } from './rules';

/** What settings, documentation and the CLI need of a rule, whatever it checks. */
export interface RuleDescription {
  readonly id: string;
  readonly defaultSeverity: RuleSeverity;
  readonly description: string;
}

/**
 * Every rule id a user can configure (`s3Policy.lint.<id>`, `--rule`): the policy rules, which run
 * on every bucket policy wherever it is written, then the checks that exist only in CloudFormation
 * templates and in Terraform files.
 */
export const ALL_RULE_DESCRIPTIONS: readonly RuleDescription[] = [...ALL_RULES, ...TEMPLATE_RULES, ...TERRAFORM_RULES];

/** The rule with this id, or undefined. */
export function findRuleDescription(id: string): RuleDescription | undefined {
  return ALL_RULE_DESCRIPTIONS.find((rule) => rule.id === id);
}
