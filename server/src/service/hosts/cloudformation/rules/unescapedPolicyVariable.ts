/* S3 Bucket Policy — MIT License. */
import { scalarCharOffsets } from '../../scalarOffsets';
import { bucketPolicyValues, subReferences, TemplateRule } from './templateRule';

/** An IAM policy variable: a condition-key name (`aws:username`, `s3:prefix`) or one of the special characters `${*}`, `${?}`, `${$}`. */
function isPolicyVariable(name: string): boolean {
  const trimmed = name.trim();
  return (trimmed.includes(':') && !trimmed.startsWith('AWS::')) || trimmed === '*' || trimmed === '?' || trimmed === '$';
}

/**
 * `${aws:username}` inside `Fn::Sub`: CloudFormation reads it as a reference to a resource named
 * "aws:username" and the stack fails ("Unresolved resource dependencies [aws:username]"). Written
 * `${!aws:username}`, Sub leaves `${aws:username}` for IAM. The fix adds the `!`.
 */
export const cfnUnescapedPolicyVariable: TemplateRule = {
  id: 'cfnUnescapedPolicyVariable',
  defaultSeverity: 'error',
  description: 'An IAM policy variable inside Fn::Sub is not written ${!aws:username}, so the stack fails to deploy.',
  check(input, report) {
    for (const value of bucketPolicyValues(input)) {
      if (value.kind !== 'call' || value.name !== 'Fn::Sub') {
        continue;
      }
      for (const reference of subReferences(value, (scalar) => scalarCharOffsets(input.text, scalar))) {
        if (reference.name.startsWith('!') || reference.variables.has(reference.name) || !isPolicyVariable(reference.name)) {
          continue;
        }
        const located = reference.offset !== undefined && reference.end !== undefined;
        const offset = located ? reference.offset! : reference.source.offset;
        const end = located ? reference.end! : reference.source.end;
        report({
          offset,
          length: end - offset,
          message: `Inside Fn::Sub, \${${reference.name}} is read as a reference to a parameter or resource named "${reference.name}", and the stack fails ("Unresolved resource dependencies"). Write \${!${reference.name}} so that IAM receives the policy variable \${${reference.name}}.`,
          fixes: located ? [{ title: `Write \${!${reference.name}}`, isPreferred: true, edits: [{ offset: offset + 2, length: 0, content: '!' }] }] : [],
        });
      }
    }
  },
};
