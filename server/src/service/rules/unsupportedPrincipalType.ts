/* S3 Bucket Policy — MIT License. */
import type { Rule } from './rule';
import { PRINCIPAL_ELEMENTS } from '../parser/policyDocument';

/** A `Federated` principal: S3 bucket policies cannot name SAML or web-identity principals (Access Analyzer "Federated principal not supported"). */
export const unsupportedPrincipalType: Rule = {
  id: 'unsupportedPrincipalType',
  defaultSeverity: 'error',
  description: 'A Federated (SAML or web identity) principal, which bucket policies do not support.',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const statement of context.policy.statements) {
      for (const element of PRINCIPAL_ELEMENTS) {
        const value = statement.elements[element]?.valueNode;
        for (const property of value?.type === 'object' ? value.children ?? [] : []) {
          const key = property.children?.[0];
          if (key?.value === 'Federated') {
            context.report(key, 'Bucket policies do not support "Federated" principals: S3 rejects SAML and web-identity principals here. Grant access to the IAM role those users assume instead ({"AWS": "arn:aws:iam::ACCOUNT-ID:role/ROLE-NAME"}).');
          }
        }
      }
    }
  },
};
