/* S3 Bucket Policy — MIT License. */
import { terraformDoubledArnPrefix } from './doubledArnPrefix';
import { terraformPolicyDocumentName } from './policyDocumentName';
import type { TerraformCheckInput, TerraformRule } from './terraformRule';
import { terraformUnescapedPolicyVariable } from './unescapedPolicyVariable';
import type { HostDocument } from '../../embeddedPolicy';

/** The checks that exist only in Terraform files and templates. */
export const TERRAFORM_RULES: readonly TerraformRule[] = [terraformUnescapedPolicyVariable, terraformDoubledArnPrefix, terraformPolicyDocumentName];

/** The host checks of a Terraform document: every Terraform rule, each finding computed once. */
export function terraformHostChecks(input: TerraformCheckInput): HostDocument['hostChecks'] {
  const findings: [string, Parameters<Parameters<TerraformRule['check']>[1]>[0]][] = [];
  for (const rule of TERRAFORM_RULES) {
    rule.check(input, (finding) => findings.push([rule.id, finding]));
  }
  return (report) => findings.forEach(([ruleId, finding]) => report(ruleId, finding));
}
