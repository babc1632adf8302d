/* S3 Bucket Policy — MIT License. */
import { coversEveryAction, httpOnlyDenies, invertedEntries, missingHalf, policyHttpDenial, reachesEveryClass, statementHttpDenial, touchesBucket } from '../access/httpDenial';
import { conditionEntries } from '../conditionEntries';
import { appendToArrayOrWrap } from '../edits/jsonEdits';
import { secureTransportDenyStatement } from '../fixes/secureTransportDenyStatement';
import { stringNodes, stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { everyonePrincipal } from '../principals';
import { grantedActions, restriction } from '../statementAccess';
import { otherBucketOf } from './otherBucket';
import type { OffsetRange, Rule } from './rule';

const STRICT_FORM = 'a Deny statement for all principals ("*") and s3:* on the bucket and its objects when "aws:SecureTransport" is "false"';

/** True when some statement lets anyone read objects without restriction: the bucket looks like a static website. */
function grantsPublicRead(policy: PolicyDocument): boolean {
  return policy.statements.some((statement) => statement.elements.Effect?.valueNode?.value === 'Allow' && everyonePrincipal(statement)
    && !restriction(statement).restricted && grantedActions(statement).some((action) => action.name === 'GetObject'));
}

/** What a Deny on aws:SecureTransport = false leaves out, in words, and the token to underline: the evaluator's reading of the statement alone. */
function narrowness(policy: PolicyDocument, statement: PolicyStatement): { words: string; range?: OffsetRange } {
  const { Action, NotAction, Principal, NotPrincipal, Resource, NotResource } = statement.elements;
  const parts: string[] = [];
  let range: OffsetRange | undefined;
  if (!coversEveryAction(statement, 'bucket') || !coversEveryAction(statement, 'objects')) {
    const names = stringNodes(Action?.valueNode).map((node) => String(node.value));
    parts.push(names.length > 0 ? `only ${names.join(', ')}` : 'only some actions');
    range = Action?.valueNode ?? NotAction?.valueNode;
  }
  if (!reachesEveryClass(policy, statement)) {
    parts.push('only some principals');
    range ??= Principal?.valueNode ?? NotPrincipal?.valueNode;
  }
  if (parts.length === 0) {
    const own = statementHttpDenial(policy, statement);
    const failed = (own.open.bucket ?? own.open.objects)?.failedElement;
    if (failed === 'Condition') {
      const others = conditionEntries(statement).filter((entry) => entry.lowerKey !== 'aws:securetransport');
      parts.push(`only the requests its other conditions (${others.map((entry) => entry.key).join(', ')}) select`);
      range = others[0]?.keyNode;
    } else {
      const bucket = policy.attachedBucket?.description ?? `the bucket "${own.bucket}"`;
      parts.push(touchesBucket(policy, statement) ? `only part of ${bucket} and its objects` : `none of ${bucket} or its objects`);
      range = Resource?.valueNode ?? NotResource?.valueNode;
    }
  }
  return { words: parts.join(' and '), range };
}

/**
 * Plain-HTTP requests are not denied to everyone. S3 accepts HTTP on port 80 unless the bucket
 * policy denies requests where `aws:SecureTransport` is false (AWS Config s3-bucket-ssl-requests-only,
 * Security Hub S3.5, Control Tower CT.S3.PR.8). The verdict is the access evaluator's
 * (`access/httpDenial.ts`, the access summary's "HTTP" row): every HTTP request, from every class the
 * policy names and every network, to every action on the bucket and its objects, must be denied
 * explicitly; so the deny is recognised by meaning, not by its text (any Sid, `"*"` or `{"AWS": "*"}`,
 * `s3:*` or `*`, Bool or BoolIfExists, string, list or boolean, StringEquals "false"). A deny on
 * aws:SecureTransport = false that covers only some actions, principals, resources or requests is
 * reported on that element and named as such. A deny that covers only the bucket or only its objects
 * is `incompleteSecureTransportDeny`'s, and a Deny on `true` (the same statement, inverted) is
 * `invertedSecureTransport`'s. A verdict that hangs on a value we cannot know gives no finding. When
 * the policy grants public read (a website bucket), the message adds that S3 website endpoints serve
 * HTTP only.
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
    if (!statementMember || (statementNode?.type !== 'array' && statementNode?.type !== 'object') || policyHttpDenial(policy).everyone !== 'no'
      || policy.statements.some((statement) => statement.elements.Effect?.valueNode?.value === 'Deny' && invertedEntries(statement).length > 0)) {
      return;
    }
    const denies = httpOnlyDenies(policy);
    if (denies.some((statement) => missingHalf(policy, statement) !== undefined)) {
      return;
    }
    const website = grantsPublicRead(policy)
      ? ' This policy also grants public read: if the bucket serves a static website through its S3 website endpoint, note that those endpoints speak only HTTP, so an HTTPS-only deny makes the website fail; put CloudFront in front of it to serve it over HTTPS.'
      : '';
    const partial = denies[0];
    // A deny on another bucket than the one the policy is attached to is resourceNotPolicyBucket's
    // error (S3 rejects the policy): naming the right bucket there is the one repair for both.
    const resources = stringNodes(partial?.elements.Resource?.valueNode);
    if (resources.length > 0 && resources.every((node) => otherBucketOf(policy, String(node.value)) !== undefined)) {
      return;
    }
    const fixes = [{ title: 'Add a statement that denies requests over plain HTTP', isPreferred: true, edits: appendToArrayOrWrap(policy.text, statementNode, secureTransportDenyStatement(policy)) }];
    if (partial) {
      const { words, range } = narrowness(policy, partial);
      const sid = stringValue(partial.elements.Sid?.valueNode);
      const name = sid === undefined ? 'A Deny statement' : `The Deny statement "${sid}"`;
      context.report(range ?? statementMember.keyNode, `${name} refuses plain-HTTP requests, but covers ${words}: everything else is still served over unencrypted HTTP, and compliance checks (AWS Config, Security Hub S3.5, Control Tower) do not count it. The strict form is ${STRICT_FORM}: widen this statement to it, or add it.${website}`, { fixes });
      return;
    }
    context.report(statementMember.keyNode, `Nothing in this policy denies plain-HTTP requests, so S3 serves the bucket over unencrypted HTTP too. Add ${STRICT_FORM}.${website}`, { fixes });
  },
};
