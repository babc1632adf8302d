/* S3 Bucket Policy — MIT License. */
import { appendToArrayOrWrap } from '../edits/jsonEdits';
import { secureTransportDenyStatement } from '../fixes/secureTransportDenyStatement';
import { stringNodes, stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { everyonePrincipal } from '../principals';
import { findSecureTransportDenies, invertedSecureTransportConditions, isAllS3Actions, secureTransportConditions } from '../secureTransport';
import { grantedActions, restriction } from '../statementAccess';
import type { OffsetRange, Rule } from './rule';

const STRICT_FORM = 'a Deny statement for all principals ("*") and s3:* on the bucket and its objects when "aws:SecureTransport" is "false"';

/** True when some statement lets anyone read objects without restriction: the bucket looks like a static website. */
function grantsPublicRead(policy: PolicyDocument): boolean {
  return policy.statements.some((statement) => statement.elements.Effect?.valueNode?.value === 'Allow' && everyonePrincipal(statement)
    && !restriction(statement).restricted && grantedActions(statement).some((action) => action.name === 'GetObject'));
}

/** What a Deny on aws:SecureTransport = false leaves out, in words, and the token to underline. */
function narrowness(statement: PolicyStatement): { words: string; range?: OffsetRange } {
  const action = statement.elements.Action?.valueNode;
  const parts: string[] = [];
  let range: OffsetRange | undefined;
  if (!isAllS3Actions(action)) {
    const names = stringNodes(action).map((node) => String(node.value));
    parts.push(names.length > 0 ? `only ${names.join(', ')}` : 'only some actions');
    range = action ?? statement.elements.NotAction?.valueNode;
  }
  if (!everyonePrincipal(statement)) {
    parts.push('only some principals');
    range ??= statement.elements.Principal?.valueNode ?? statement.elements.NotPrincipal?.valueNode;
  }
  return { words: parts.join(' and '), range };
}

/**
 * No statement denies plain-HTTP requests. S3 accepts HTTP on port 80 unless the bucket policy
 * denies requests where `aws:SecureTransport` is false (AWS Config s3-bucket-ssl-requests-only,
 * Security Hub S3.5, Control Tower CT.S3.PR.8). The deny is recognised by meaning, not by its exact
 * text (any Sid, `"*"` or `{"AWS": "*"}`, `s3:*` or `*`, Bool or BoolIfExists, string or boolean).
 * A deny on aws:SecureTransport = false that covers only some actions or principals is reported on
 * its Action (or Principal) and named as such. A deny that covers only part of the bucket is
 * `incompleteSecureTransportDeny`'s, and a Deny on `true` (the same statement, inverted) is
 * `invertedSecureTransport`'s. When the policy grants public read (a website bucket), the message
 * adds that S3 website endpoints serve HTTP only.
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
      || policy.statements.some((statement) => statement.elements.Effect?.valueNode?.value === 'Deny' && invertedSecureTransportConditions(statement).length > 0)) {
      return;
    }
    const website = grantsPublicRead(policy)
      ? ' This policy also grants public read: if the bucket serves a static website through its S3 website endpoint, note that those endpoints speak only HTTP, so an HTTPS-only deny makes the website fail; put CloudFront in front of it to serve it over HTTPS.'
      : '';
    const partial = policy.statements.find((statement) => statement.elements.Effect?.valueNode?.value === 'Deny' && secureTransportConditions(statement, false).length > 0);
    const fixes = [{ title: 'Add a statement that denies requests over plain HTTP', isPreferred: true, edits: appendToArrayOrWrap(policy.text, statementNode, secureTransportDenyStatement(policy)) }];
    if (partial) {
      const { words, range } = narrowness(partial);
      const sid = stringValue(partial.elements.Sid?.valueNode);
      const name = sid === undefined ? 'A Deny statement' : `The Deny statement "${sid}"`;
      context.report(range ?? statementMember.keyNode, `${name} refuses plain-HTTP requests, but covers ${words}: everything else is still served over unencrypted HTTP, and compliance checks (AWS Config, Security Hub S3.5, Control Tower) do not count it. The strict form is ${STRICT_FORM}: widen this statement to it, or add it.${website}`, { fixes });
      return;
    }
    context.report(statementMember.keyNode, `Nothing in this policy denies plain-HTTP requests, so S3 serves the bucket over unencrypted HTTP too. Add ${STRICT_FORM}.${website}`, { fixes });
  },
};
