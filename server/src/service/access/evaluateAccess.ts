/* S3 Bucket Policy — MIT License. */
/**
 * The access evaluator: AWS's decision for one request against a bucket policy, the caller's
 * identity policies and Block Public Access, with the statements that decided it.
 * IAM-EVAL, IAM-DENYALLOW, IAM-XACCT, S3-AUTHZ, S3-BPA; EVALUATION-FACTS §2.1:
 *
 * 1. The bucket owner's root user may always get, put and delete the bucket policy.
 * 2. Any applying Deny, in any policy: explicit deny.
 * 3. Allow by requester: anonymous callers and service principals need a bucket-policy Allow; the
 *    owner's root user is allowed; other principals of the owner's account need an identity Allow or
 *    a bucket Allow that names them directly (an Allow to the account alone delegates to identity
 *    policies); other accounts need both a bucket Allow (the account counts) and an identity Allow.
 * 4. RestrictPublicBuckets blocks an Allow to a requester outside the owner's account, service
 *    principals excepted, when the bucket policy is public.
 */
import { and, evaluateStatement, or, readsVariables, StatementInputs } from './evaluateStatement';
import { publicStatements } from './publicPolicy';
import { buildContext, principalAccount } from './requestContext';
import type { AccessInputs, AccessRequest, AccessResult, Decision, Dependency, StatementExplanation, Truth } from './types';

const BUCKET_POLICY_ACTIONS = new Set(['s3:getbucketpolicy', 's3:putbucketpolicy', 's3:deletebucketpolicy']);

/** What could not be known about a statement that might apply. */
function dependencies(statements: readonly StatementExplanation[]): Dependency[] {
  return statements.filter((statement) => statement.applies === 'maybe').map((statement) => {
    const where = statement.policy === 'bucket' ? 'the bucket policy' : `identity policy ${statement.policy + 1}`;
    const unknown = statement.conditions.find((condition) => condition.result === 'maybe');
    const what = unknown ? `the condition ${unknown.operator} on ${unknown.key}` : `its ${statement.failedElement ?? 'elements'}`;
    return { description: `whether statement ${statement.index}${statement.sid ? ` (${statement.sid})` : ''} of ${where} applies: ${what} cannot be decided here (${statement.reasons[statement.reasons.length - 1]})`, range: unknown?.range ?? statement.range };
  });
}

/** The strongest truth among statements of one effect (and principal strength). */
function anyApplies(statements: readonly StatementExplanation[], keep: (statement: StatementExplanation) => boolean): Truth {
  return statements.filter(keep).reduce<Truth>((truth, statement) => or(truth, statement.applies), 'no');
}

/** Evaluates one request. */
export function evaluateAccess(request: AccessRequest, inputs: AccessInputs): AccessResult {
  const context = buildContext(request);
  const { principal } = request;
  const owner = inputs.bucketOwnerAccount;
  const account = principalAccount(principal);
  const explanation: string[] = [];
  const qualifiers: string[] = [];

  if (principal.kind === 'accountRoot' && principal.account === owner && BUCKET_POLICY_ACTIONS.has(request.action.toLowerCase())) {
    explanation.push(`The root user of the bucket owner's account ${owner} may always call ${request.action}, whatever the bucket policy says (S3).`);
    return { decision: 'allow', possible: ['allow'], dependsOn: [], deciding: [], exemption: 'bucketOwnerRoot', qualifiers, explanation, statements: [] };
  }

  const bucketPolicy = inputs.bucketPolicy;
  const bucketInputs: StatementInputs = { request, context, isUnknown: inputs.isUnknown, policy: 'bucket', variables: bucketPolicy !== undefined && readsVariables(bucketPolicy) };
  const bucket = bucketPolicy ? bucketPolicy.statements.map((statement) => evaluateStatement(statement, bucketInputs)) : [];
  const hasIdentity = principal.kind !== 'anonymous' && principal.kind !== 'service';
  const identityKnown = inputs.identityPolicies !== undefined;
  const identity = hasIdentity && inputs.identityPolicies
    ? inputs.identityPolicies.flatMap((policy, index) => {
      const identityInputs: StatementInputs = { request, context, isUnknown: inputs.isUnknown, policy: index, variables: readsVariables(policy) };
      return policy.statements.map((statement) => evaluateStatement(statement, identityInputs));
    })
    : [];
  const statements = [...bucket, ...identity];
  const isAllow = (statement: StatementExplanation) => statement.effect === 'Allow';
  const isDeny = (statement: StatementExplanation) => statement.effect === 'Deny';

  // Explicit deny.
  const denies = statements.filter((statement) => isDeny(statement) && statement.applies === 'yes');
  const denyTruth = anyApplies(statements, isDeny);
  if (denies.length > 0) {
    explanation.push(...denies.map((statement) => `Denied explicitly by statement ${statement.index}${statement.sid ? ` (${statement.sid})` : ''} of ${statement.policy === 'bucket' ? 'the bucket policy' : `identity policy ${statement.policy + 1}`}.`));
    return { decision: 'explicitDeny', possible: ['explicitDeny'], dependsOn: [], deciding: denies, qualifiers, explanation, statements };
  }

  // Allow, by requester.
  const bucketAny = anyApplies(bucket, isAllow);
  const bucketDirect = anyApplies(bucket, (statement) => isAllow(statement) && statement.principalMatch === 'direct');
  const identityAllow: Truth = identityKnown ? anyApplies(identity, isAllow) : 'yes';
  let allow: Truth;
  let needsIdentity = false;
  if (principal.kind === 'anonymous' || principal.kind === 'service') {
    allow = bucketAny;
    explanation.push(`${principal.kind === 'anonymous' ? 'An anonymous request' : `The service principal ${principal.name}`} needs an Allow in the bucket policy: ${truthWords(bucketAny)}.`);
  } else if (account === owner) {
    if (principal.kind === 'accountRoot') {
      allow = 'yes';
      explanation.push(`The root user of the bucket owner's account is allowed unless a statement denies it.`);
    } else {
      allow = or(identityAllow, bucketDirect);
      needsIdentity = !identityKnown && bucketDirect !== 'yes';
      explanation.push(`A principal of the bucket owner's account ${owner} needs an Allow in its identity policies or a bucket-policy Allow that names it (not only its account): bucket policy ${truthWords(bucketDirect)}, identity policies ${identityKnown ? truthWords(identityAllow) : 'unknown'}.`);
    }
  } else {
    const identitySide: Truth = principal.kind === 'accountRoot' ? 'yes' : identityAllow;
    allow = and(identitySide, bucketAny);
    needsIdentity = !identityKnown && principal.kind !== 'accountRoot' && bucketAny !== 'no';
    explanation.push(`A principal of account ${account ?? '?'} (not the bucket owner ${owner}) needs an Allow in both the bucket policy (${truthWords(bucketAny)}) and its identity policies (${principal.kind === 'accountRoot' ? 'the root user has them' : identityKnown ? truthWords(identityAllow) : 'unknown'}).`);
  }
  if (needsIdentity && allow !== 'no') {
    qualifiers.push(`Allowed only if an identity policy in account ${account} allows ${request.action} on ${request.resource}: identity policies were not given.`);
  }

  // Block Public Access.
  let blockedBy: AccessResult['blockedBy'];
  if (allow !== 'no' && inputs.blockPublicAccess?.restrictPublicBuckets && principal.kind !== 'service' && account !== owner) {
    const publics = publicStatements(inputs.bucketPolicy, inputs.isUnknown);
    if (publics.length > 0) {
      blockedBy = 'blockPublicAccess';
      explanation.push(`Block Public Access (RestrictPublicBuckets) blocks it: the bucket policy is public (statement ${publics.map((statement) => statement.index).join(', ')}), so only AWS services and the owner's account get in.`);
    }
  }

  const allowDecision: Decision = blockedBy ? 'explicitDeny' : 'allow';
  const possible = new Set<Decision>();
  if (denyTruth === 'maybe') {
    possible.add('explicitDeny');
  }
  if (allow !== 'no') {
    possible.add(allowDecision);
  }
  if (allow !== 'yes') {
    possible.add('implicitDeny');
  }
  const dependsOn = dependencies(statements);
  if (needsIdentity) {
    dependsOn.push({ description: `the identity policies of account ${account} (not given)` });
  }
  const decision: Decision = allow === 'yes' ? allowDecision : allow === 'maybe' ? allowDecision : 'implicitDeny';
  const deciding = decision === 'allow'
    ? statements.filter((statement) => isAllow(statement) && statement.applies !== 'no' && (statement.policy !== 'bucket' || account !== owner || principal.kind === 'accountRoot' || statement.principalMatch === 'direct' || identityAllow !== 'no'))
    : [];
  if (decision === 'implicitDeny') {
    explanation.push('No statement allows the request: implicit deny.');
  } else if (decision === 'allow') {
    explanation.push(...deciding.map((statement) => `Allowed by statement ${statement.index}${statement.sid ? ` (${statement.sid})` : ''} of ${statement.policy === 'bucket' ? 'the bucket policy' : `identity policy ${statement.policy + 1}`}.`));
  }
  qualifiers.push('Assumes no SCP, RCP, permissions boundary, session policy or VPC endpoint policy limits the request, and no ACL grants it.');
  return {
    decision, possible: [...possible], dependsOn, deciding, blockedBy, requiresIdentityAllow: needsIdentity && allow !== 'no' ? account : undefined,
    qualifiers, explanation, statements,
  };
}

function truthWords(truth: Truth): string {
  return truth === 'yes' ? 'one applies' : truth === 'no' ? 'none applies' : 'one might apply';
}
