/* S3 Bucket Policy — MIT License. */
import { bucketPolicyValues, TemplateRule } from './templateRule';

/**
 * An unquoted number with a leading zero in a YAML template's policy, such as the account ID
 * `012345670123`. CloudFormation reads YAML 1.1: digits 0–7 after a leading zero are an octal
 * number (012345670123 is 1402433619), other digits a decimal one without its zero, so the policy
 * names another account or S3 rejects it. Quoting keeps the text. (Unquoted `yes`, `no`, `on`,
 * `off`, which YAML 1.1 reads as booleans, are not reported: in a policy they are condition values
 * that mean the same as true and false.)
 */
export const cfnYamlScalarTrap: TemplateRule = {
  id: 'cfnYamlScalarTrap',
  defaultSeverity: 'error',
  description: 'An unquoted number with a leading zero (an account ID) in a YAML template: CloudFormation reads it as another number.',
  check(input, report) {
    if (input.syntax !== 'yaml') {
      return;
    }
    for (const value of bucketPolicyValues(input)) {
      if (value.kind !== 'scalar' || value.style !== 'plain' || !/^0\d+$/.test(value.source)) {
        continue;
      }
      const octal = /^0[0-7]+$/.test(value.source);
      const read = octal ? parseInt(value.source, 8) : Number(value.source);
      report({
        offset: value.offset,
        length: value.end - value.offset,
        message: `CloudFormation reads YAML 1.1, where an unquoted ${value.source} is ${octal ? 'an octal number' : 'a number'}: the policy receives ${read}, not "${value.source}" (for an account ID, another account, or one S3 rejects). Quote it: '${value.source}'.`,
        fixes: [{ title: `Quote '${value.source}'`, isPreferred: true, edits: [{ offset: value.offset, length: value.end - value.offset, content: `'${value.source}'` }] }],
      });
    }
  },
};
