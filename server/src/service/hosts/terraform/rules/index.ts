/* S3 Bucket Policy — MIT License. */
import { terraformDoubledArnPrefix } from './doubledArnPrefix';
import { terraformPolicyDocumentName } from './policyDocumentName';
import type { TerraformCheckInput, TerraformRule } from './terraformRule';
import { terraformUnescapedPolicyVariable } from './unescapedPolicyVariable';
import type { HostDocument } from '../../embeddedPolicy';
import { hostChecksOf } from '../../hostRule';

/** The checks that exist only in Terraform files and templates. */
export const TERRAFORM_RULES: readonly TerraformRule[] = [terraformUnescapedPolicyVariable, terraformDoubledArnPrefix, terraformPolicyDocumentName];

/** The host checks of a Terraform document. */
export function terraformHostChecks(input: TerraformCheckInput): HostDocument['hostChecks'] {
  return hostChecksOf(TERRAFORM_RULES, input);
}
