/* S3 Bucket Policy — MIT License. */
import { appendToArrayOrWrap } from '../edits/jsonEdits';
import { secureTransportDenyStatement } from '../fixes/secureTransportDenyStatement';
import { findSecureTransportDenies, invertedSecureTransportConditions } from '../secureTransport';
import type { Rule } from './rule';

/**
 * No statement denies plain-HTTP requests. S3 accepts HTTP on port 80 unless the bucket policy
 * denies requests where `aws:SecureTransport` is false (AWS Config s3-bucket-ssl-requests-only,
 * Security Hub S3.5, Control Tower CT.S3.PR.8). The deny is recognised by meaning, not by its exact
 * text (any Sid, `"*"` or `{"AWS": "*"}`, `s3:*` or `*`, Bool or BoolIfExists, string or boolean).
 * A deny that covers only part of the bucket is `incompleteSecureTransportDeny`'s to report, and a
 * Deny on `true` (the same statement, inverted) is `invertedSecureTransport`'s.
 */
export const missingSecureTransportDeny: Rule = {
  id: 'missingSecureTransportDeny',
  defaultSeverity: 'warning',
  description: 'No statement denies requests made over plain HTTP (aws:SecureTransport = false).',
  runsOnBrokenDocuments: false,
  check(context) {
    const { policy } = context;
    const statementMember = policy.topMembers.get('Statement');
    const statementNode = statementMember?.valueNode;
    if (!statementMember || (statementNode?.type !== 'array' && statementNode?.type !== 'object') || findSecureTransportDenies(policy).length > 0
      || policy.statements.some((statement) => statement.members.get('Effect')?.valueNode?.value === 'Deny' && invertedSecureTransportConditions(statement).length > 0)) {
      return;
    }
    const statement = secureTransportDenyStatement(policy);
    context.report(statementMember.keyNode, 'Nothing in this policy denies plain-HTTP requests, so S3 serves the bucket over unencrypted HTTP too. Add a Deny statement for all principals and s3:* on the bucket and its objects when "aws:SecureTransport" is "false".', {
      fixes: [{ title: 'Add a statement that denies requests over plain HTTP', isPreferred: true, edits: appendToArrayOrWrap(policy.text, statementNode, statement) }],
    });
  },
};
