/* S3 Bucket Policy — MIT License. */
/**
 * The access features of the editor over a host document (a policy file, or the bucket policies of
 * a template or Terraform file): the summary of each policy as table rows with the statements
 * behind them (*Explain access*, the CodeLens), the choices and the answer of *What if…*, and the
 * hover on a statement. Positions are the host document's; a policy inside a template is read
 * through its view, and the values the host computes (`!Ref VpceId`, `var.x`) are unknown to the
 * evaluator, so an answer that rests on them says so instead of being definite.
 */
import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { AccessRow, Choice, ContextChoice, PolicyAccess, PolicySelector, StatementRef, StatementVerdict, WhatIfChoices, WhatIfParams, WhatIfResult } from '../../../../common/accessProtocol';
import { splitArn } from '../arns';
import { ConditionEntry, conditionEntries } from '../conditionEntries';
import { findS3Action, matchS3Actions } from '../data/awsData';
import type { EmbeddedPolicy, HostDocument } from '../hosts/embeddedPolicy';
import { hostRangeOf, PolicyView, viewOffsetOf } from '../hosts/policyView';
import { stringNodes, stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { principalValues } from '../principals';
import { findPolicyBucket } from '../secureTransport';
import { describeAccess, grantedActions } from '../statementAccess';
import { AccessGrant, AccessSummary, isPublicGrant, levelWords, summarizeAccess } from './accessSummary';
import { evaluateAccess } from './evaluateAccess';
import { readRequestPrincipal, PRINCIPAL_FORMS } from './principalText';
import { publicStatementReason } from './publicPolicy';
import { firstAddress, requestClasses } from './requestClasses';
import type { AccessResult } from './types';

/** Partitions a stand-in may spell: a host's `${AWS::Partition}` is one of them, and the request's ARNs name it. */
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov']);

/** What the evaluator may not take for granted in one policy: the values its host computes. */
export interface UnknownValues {
  /** True for a node that stands (in part) for a computed value other than the policy's own bucket. */
  isUnknown: (node: Node) => boolean;
  /** The host's text for the computed parts of a node ("!Ref VpceId"), or undefined when it has none. */
  describe: (node: Node) => string | undefined;
  /** The same for a span of the policy tree's text (a view offset and length). */
  describeSpan: (offset: number, length: number) => string | undefined;
}

/** The runs of computed characters in a view span, as view offsets [start, end). */
function flaggedRuns(view: PolicyView, offset: number, length: number): [number, number][] {
  const runs: [number, number][] = [];
  const end = Math.min(offset + length, view.text.length);
  for (let index = Math.max(offset, 0); index < end; index++) {
    if (view.flagged[index] !== 1) {
      continue;
    }
    const start = index;
    while (index < end && view.flagged[index] === 1) {
      index++;
    }
    runs.push([start, index]);
  }
  return runs;
}

/**
 * The computed values of an embedded policy. The stand-in for the policy's own bucket (its name and
 * ARN) is not unknown: a request about "the bucket" is about that bucket, whatever its name; nor is
 * the partition. Every other computed value is.
 */
export function unknownValues(policy: EmbeddedPolicy, hostText: string): UnknownValues | undefined {
  const view = policy.view;
  if (!view || !view.flagged.includes(1)) {
    return undefined;
  }
  const bucket = policy.bucket?.name;
  const known = (text: string) => PARTITIONS.has(text) || (bucket !== undefined && (text === bucket || /^arn:[^:]+:s3:::/.test(text) && text.slice(text.indexOf(':::') + 3) === bucket));
  const unknownRuns = (offset: number, length: number) => flaggedRuns(view, offset, length).filter(([start, end]) => !known(view.text.slice(start, end).replace(/^"|"$/g, '')));
  const describeSpan = (offset: number, length: number) => {
    const runs = unknownRuns(offset, length);
    if (runs.length === 0) {
      return undefined;
    }
    const texts = runs.map(([start, end]) => {
      const span = hostRangeOf(view, start, end - start);
      return hostText.slice(span.offset, span.offset + span.length).trim();
    });
    return [...new Set(texts)].filter((text) => text !== '').join(', ') || undefined;
  };
  return {
    isUnknown: (node) => unknownRuns(node.offset, node.length).length > 0,
    describe: (node) => describeSpan(node.offset, node.length),
    describeSpan,
  };
}

/** Why a policy cannot be summarized (a syntax error that leaves no whole tree), or undefined when it can. */
export function summaryUnavailable(policy: EmbeddedPolicy): string | undefined {
  return policy.policy.syntaxProblems.some((problem) => !problem.keepsTree) ? 'Access summary unavailable: fix the syntax errors first' : undefined;
}

/**
 * The summaries computed so far, per parsed policy (a document version's policies are parsed once;
 * an unchanged policy of a template or Terraform file keeps its tree across edits) and the bucket
 * it was attached to then (in Terraform, a policy's `bucket` argument can change while its text
 * does not).
 */
const summaries = new WeakMap<PolicyDocument, { bucket: string | undefined; summary: AccessSummary }>();

/** The access summary of an embedded policy, computed once per parsed policy and bucket. */
export function summaryOf(policy: EmbeddedPolicy, hostText: string): AccessSummary {
  const known = summaries.get(policy.policy);
  if (known && known.bucket === policy.bucket?.name) {
    return known.summary;
  }
  const summary = summarizeAccess(policy.policy, undefined, unknownValues(policy, hostText)?.isUnknown);
  summaries.set(policy.policy, { bucket: policy.bucket?.name, summary });
  return summary;
}

/** The host range of a span of an embedded policy's tree. */
function hostRange(document: TextDocument, policy: EmbeddedPolicy, offset: number, length: number): Range {
  const span = policy.view ? hostRangeOf(policy.view, offset, length) : { offset, length };
  return Range.create(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
}

/** "statement 1 (PartnerRead)". */
export function statementLabel(index: number, sid: string | undefined): string {
  return `statement ${index}${sid ? ` (${sid})` : ''}`;
}

function statementRef(document: TextDocument, policy: EmbeddedPolicy, statement: PolicyStatement): StatementRef {
  const sid = stringValue(statement.elements.Sid?.valueNode);
  return { index: statement.index, sid, label: statementLabel(statement.index, sid), range: hostRange(document, policy, statement.node.offset, statement.node.length) };
}

/** The name of a policy: its logical id in a template (its address in Terraform), its Id, or the file name. */
export function embeddedPolicyName(policy: EmbeddedPolicy, fileName: string): string {
  return policy.name ?? stringValue(policy.policy.topMembers.get('Id')?.valueNode) ?? fileName;
}

function policyName(document: TextDocument, policy: EmbeddedPolicy): string {
  return embeddedPolicyName(policy, decodeURIComponent(document.uri.slice(document.uri.lastIndexOf('/') + 1)));
}

/** Where a grant holds, in words. */
function whereWords(grant: AccessGrant): string {
  if (!grant.via) {
    return 'anywhere';
  }
  const open = grant.via.open ? ' (anyone can use it)' : '';
  return grant.via.kind === 'ip' ? `only from ${grant.via.value}${open}` : `only through ${grant.via.value}${open}`;
}

/** The statements that hold a computed value, by index. */
function statementsWithUnknowns(policy: PolicyDocument, unknowns: UnknownValues | undefined): Set<number> {
  const indexes = new Set<number>();
  if (unknowns) {
    for (const statement of policy.statements) {
      if (unknowns.isUnknown(statement.node)) {
        indexes.add(statement.index);
      }
    }
  }
  return indexes;
}

/**
 * The statements holding a computed value that a grant rests on: its own, and every such Deny (a
 * Deny may take any grant away). Empty when the grant is certain.
 */
export function grantUncertainty(policy: PolicyDocument, unknowns: UnknownValues | undefined): (grant: AccessGrant) => number[] {
  const uncertain = statementsWithUnknowns(policy, unknowns);
  const denies = policy.statements.filter((statement) => uncertain.has(statement.index) && stringValue(statement.elements.Effect?.valueNode) === 'Deny').map((statement) => statement.index);
  return (grant) => [...new Set([...grant.statements.filter((statement) => uncertain.has(statement)), ...denies])].sort((a, b) => a - b);
}

/** Words for the computed values of a policy, by statement index: "statement 1 (OnlyVpce): !Ref VpceId". */
export function unknownWordsByStatement(policy: PolicyDocument, unknowns: UnknownValues | undefined): Map<number, string> {
  const words = new Map<number, string>();
  for (const statement of unknowns ? policy.statements : []) {
    const text = unknowns!.describe(statement.node);
    if (text) {
      words.set(statement.index, `${statementLabel(statement.index, stringValue(statement.elements.Sid?.valueNode))}: ${text}`);
    }
  }
  return words;
}

/** The summary of one embedded policy in the protocol's terms: its line, its table rows and the statements behind them. */
export function policyAccess(document: TextDocument, host: HostDocument, index: number): PolicyAccess {
  const policy = host.policies[index];
  const unavailable = summaryUnavailable(policy);
  const summary = unavailable ? { ...summarizeAccess({ ...policy.policy, statements: [] }, undefined), line: unavailable, grants: [] } : summaryOf(policy, host.text);
  const unknowns = unknownValues(policy, host.text);
  const uncertainOf = grantUncertainty(policy.policy, unknowns);
  const byIndex = new Map(policy.policy.statements.map((statement) => [statement.index, statement]));
  const ref = (statementIndex: number) => statementRef(document, policy, byIndex.get(statementIndex)!);
  // The bucket owner's account last: what its identity policies allow is the least the policy says.
  const grants = [...summary.grants].sort((a, b) => Number(a.who.kind === 'ownerAccount') - Number(b.who.kind === 'ownerAccount'));
  const rows = grants.map((grant): AccessRow => {
    const notes = [
      grant.onlyOverHttp ? 'only over plain HTTP' : grant.httpsOnly ? 'HTTPS only' : 'plain HTTP not denied',
      ...(grant.statements.length === 0 ? ['through its identity policies (no statement here grants it)'] : grant.ifIdentityAllows ? ['if its identity policies allow it too'] : []),
      ...(uncertainOf(grant).length > 0 ? ['depends on values the host computes'] : []),
    ];
    return { who: grant.who.label, where: whereWords(grant), access: levelWords(grant.accessLevels), actions: grant.actions, notes, public: isPublicGrant(grant), statements: grant.statements.map(ref) };
  });
  const root = policy.view ? { offset: policy.range.offset, length: policy.range.length } : { offset: policy.policy.root?.offset ?? 0, length: policy.policy.root?.length ?? 0 };
  return {
    policy: index,
    name: policyName(document, policy),
    range: Range.create(document.positionAt(root.offset), document.positionAt(root.offset + root.length)),
    line: summary.line,
    public: summary.public,
    publicActions: summary.publicActions,
    httpsOnly: summary.httpsOnly,
    rows,
    publicStatements: summary.publicStatements.map((statement) => ({ statement: ref(statement.index), reason: statement.reason })),
    assumes: summary.assumes,
    unknowns: [...unknownWordsByStatement(policy.policy, unknowns).values()],
  };
}

/** The policies of a document that have a tree to summarize, by index. */
export function summarizablePolicies(host: HostDocument): number[] {
  return host.policies.flatMap((policy, index) => (policy.policy.root?.type === 'object' ? [index] : []));
}

/** The policy a selector names: by index, else the one holding the position, else the first; undefined when there is none. */
export function selectPolicy(document: TextDocument, host: HostDocument, selector: Pick<PolicySelector, 'policy' | 'position'>): number | undefined {
  const candidates = summarizablePolicies(host);
  if (selector.policy !== undefined) {
    return candidates.includes(selector.policy) ? selector.policy : undefined;
  }
  if (selector.position) {
    const offset = document.offsetAt(selector.position);
    const holding = candidates.find((index) => {
      const { range } = host.policies[index];
      return range.offset <= offset && offset <= range.offset + range.length;
    });
    if (holding !== undefined) {
      return holding;
    }
  }
  return candidates[0];
}

/** A value that fits a Resource pattern: `*` becomes a word, `?` and policy variables a letter. */
function resourceExample(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, 'x').replace(/\*/g, 'example').replace(/\?/g, 'x');
}

/** Actions offered even when the policy names none of them: the ones people ask about. */
const COMMON_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:PutBucketPolicy'];

/** How many actions a wildcard contributes to the choices. */
const ACTIONS_PER_WILDCARD = 4;

/** Actions a wildcard covers, the ones people ask about first. */
function wildcardExamples(pattern: string): string[] {
  const matches = matchS3Actions(pattern).map((action) => `s3:${action.name}`);
  const familiar = COMMON_ACTIONS.filter((action) => matches.includes(action));
  return [...familiar, ...matches.filter((action) => !familiar.includes(action))].slice(0, ACTIONS_PER_WILDCARD);
}

/** Adds a choice unless its value is there already. */
function addChoice<T extends { description: string }>(choices: T[], seen: Set<string>, key: string, choice: T): void {
  if (!seen.has(key)) {
    seen.add(key);
    choices.push(choice);
  }
}

/** The values a condition entry offers, as the request would carry them. */
function contextValuesOf(entry: ConditionEntry, unknowns: UnknownValues | undefined): string[] {
  if (entry.baseOperator === 'Null') {
    return [];
  }
  // A value the host computes has only a stand-in here: offering it would answer about the stand-in.
  const values = entry.values.filter((node) => !unknowns?.isUnknown(node)).map((node) => String(node.value));
  if (entry.baseOperator === 'Bool') {
    return ['true', 'false'];
  }
  if (entry.baseOperator.includes('IpAddress')) {
    return values.map((value) => firstAddress(value) ?? value.trim());
  }
  return values.map((value) => value.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x'));
}

/** The choices *What if…* offers for one policy: the principals, actions, resources and condition values it uses. */
export function whatIfChoices(document: TextDocument, host: HostDocument, index: number): WhatIfChoices {
  const policy = host.policies[index];
  const tree = policy.policy;
  const { classes, owner } = requestClasses(tree, undefined);
  const unknowns = unknownValues(policy, host.text);
  const principals: Choice[] = [{ value: 'anonymous', description: 'anyone, without credentials' }];
  const seenPrincipals = new Set(['anonymous']);
  addChoice(principals, seenPrincipals, `arn:aws:iam::${owner}:user/example-user`, { value: `arn:aws:iam::${owner}:user/example-user`, description: 'an IAM user of the bucket owner\'s account' });
  for (const requestClass of classes) {
    if ((requestClass.kind === 'account' || requestClass.kind === 'principal' || requestClass.kind === 'service') && requestClass.id) {
      const description = requestClass.kind === 'account' ? 'an account the policy names (its root user)' : requestClass.kind === 'service' ? 'a service the policy names' : 'a principal the policy names';
      addChoice(principals, seenPrincipals, requestClass.id, { value: requestClass.id, description });
    }
  }
  const actions: Choice[] = [];
  const seenActions = new Set<string>();
  const resources: Choice[] = [];
  const seenResources = new Set<string>();
  const context: ContextChoice[] = [];
  const seenContext = new Set<string>();
  for (const statement of tree.statements) {
    const label = statementLabel(statement.index, stringValue(statement.elements.Sid?.valueNode));
    for (const node of stringNodes(statement.elements.Action?.valueNode ?? statement.elements.NotAction?.valueNode)) {
      const pattern = String(node.value);
      const matches = /[*?]/.test(pattern) ? wildcardExamples(pattern) : [findS3Action(pattern) ? `s3:${findS3Action(pattern)!.name}` : pattern];
      for (const action of matches) {
        addChoice(actions, seenActions, action.toLowerCase(), { value: action, description: `${findS3Action(action)?.accessLevel ?? 'action'} · ${label}${action === pattern ? '' : ` (${pattern})`}` });
      }
    }
    for (const node of stringNodes(statement.elements.Resource?.valueNode ?? statement.elements.NotResource?.valueNode)) {
      const value = resourceExample(String(node.value));
      if (splitArn(value)) {
        addChoice(resources, seenResources, value, { value, description: `${label}${value === node.value ? '' : ` (${String(node.value)})`}` });
      }
    }
    for (const entry of conditionEntries(statement)) {
      for (const value of contextValuesOf(entry, unknowns)) {
        addChoice(context, seenContext, `${entry.lowerKey}=${value}`, { key: entry.key, value, description: `${label}: ${entry.operator}` });
      }
    }
  }
  for (const action of COMMON_ACTIONS) {
    addChoice(actions, seenActions, action.toLowerCase(), { value: action, description: findS3Action(action)?.accessLevel ?? 'action' });
  }
  const bucket = findPolicyBucket(tree);
  if (bucket) {
    const arn = `arn:${bucket.partition}:s3:::${bucket.bucket}`;
    addChoice(resources, seenResources, arn, { value: arn, description: 'the bucket' });
    addChoice(resources, seenResources, `${arn}/example-object`, { value: `${arn}/example-object`, description: 'an object of the bucket' });
  }
  addChoice(context, seenContext, 'aws:securetransport=false', { key: 'aws:SecureTransport', value: 'false', description: 'a request over plain HTTP (requests are HTTPS otherwise)' });
  return { policy: index, name: policyName(document, policy), principals, actions, resources, context, owner: { account: owner, assumed: true } };
}

/** The decision in one sentence. */
function headline(result: AccessResult, action: string): string {
  const labels = (statements: AccessResult['deciding']) => statements.filter((statement) => statement.policy === 'bucket').map((statement) => statementLabel(statement.index, statement.sid)).join(', ');
  let text: string;
  if (result.decision === 'explicitDeny') {
    text = result.blockedBy ? `Denied by Block Public Access (RestrictPublicBuckets): ${action}` : `Denied explicitly by ${labels(result.deciding)}`;
  } else if (result.decision === 'implicitDeny') {
    text = 'Denied implicitly: no statement allows it';
  } else if (result.exemption) {
    text = `Allowed: the bucket owner's root user may always call ${action}`;
  } else {
    const by = labels(result.deciding);
    text = result.requiresIdentityAllow
      ? `Allowed if an identity policy of account ${result.requiresIdentityAllow} allows it too${by ? ` (bucket policy: ${by})` : ''}`
      : `Allowed by ${by || 'the caller\'s identity policies'}`;
  }
  if (result.possible.length > 1) {
    text += ` — or ${result.possible.filter((decision) => decision !== result.decision).map((decision) => (decision === 'allow' ? 'allowed' : decision === 'explicitDeny' ? 'denied explicitly' : 'denied implicitly')).join(' or ')}, depending on values the host computes`;
  }
  return text;
}

const ACTION_TEXT = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** Answers *What if…*: the decision for one request against one policy, with the deciding statements in the document. */
export function whatIf(document: TextDocument, host: HostDocument, params: WhatIfParams): WhatIfResult {
  const failed = (error: string): WhatIfResult => ({ decision: 'implicitDeny', headline: error, possible: [], dependsOn: [], deciding: [], explanation: [], statements: [], error });
  const index = selectPolicy(document, host, params);
  if (index === undefined) {
    return failed('This document holds no bucket policy to ask about.');
  }
  const principal = readRequestPrincipal(String(params.principal ?? '').trim());
  if (!principal) {
    return failed(`"${String(params.principal)}" is not a principal: write ${PRINCIPAL_FORMS}.`);
  }
  const action = String(params.action ?? '').trim();
  if (!ACTION_TEXT.test(action)) {
    return failed(`"${action}" is not an IAM action; write one such as s3:GetObject.`);
  }
  const resource = String(params.resource ?? '').trim();
  if (!splitArn(resource)) {
    return failed(`"${resource}" is not an ARN; write arn:aws:s3:::bucket or arn:aws:s3:::bucket/key.`);
  }
  const context: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(params.context ?? {})) {
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      context[key] = value;
    }
  }
  const policy = host.policies[index];
  const owner = params.resourceAccount && /^\d{12}$/.test(params.resourceAccount) ? params.resourceAccount : requestClasses(policy.policy, undefined).owner;
  const unknowns = unknownValues(policy, host.text);
  const result = evaluateAccess({ principal, action, resource, context }, { bucketPolicy: policy.policy, bucketOwnerAccount: owner, isUnknown: unknowns?.isUnknown });
  const byIndex = new Map(policy.policy.statements.map((statement) => [statement.index, statement]));
  const ref = (statementIndex: number) => statementRef(document, policy, byIndex.get(statementIndex)!);
  const statements = result.statements.filter((statement) => statement.policy === 'bucket').map((statement): StatementVerdict => ({
    statement: ref(statement.index), effect: statement.effect, applies: statement.applies, reason: statement.reasons[statement.reasons.length - 1] ?? '',
  }));
  const ownerNote = params.resourceAccount ? [] : [`The bucket owner is taken to be account ${owner}, one the policy does not name: the policy does not say which account owns the bucket.`];
  return {
    decision: result.decision,
    headline: headline(result, action),
    possible: [...result.possible],
    dependsOn: result.dependsOn.map((dependency) => dependency.description),
    deciding: result.deciding.filter((statement) => statement.policy === 'bucket').map((statement) => ref(statement.index)),
    explanation: [...ownerNote, ...result.explanation, ...result.qualifiers, ...result.dependsOn.map((dependency) => `Depends on ${dependency.description}.`)],
    statements,
  };
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '\'')}\``;
}

/** A principal value in a few words. */
function principalWords(type: string, value: string): string {
  if (value === '*' && (type === '*' || type === 'AWS')) {
    return 'everyone, anonymous users included';
  }
  if (type === 'AWS') {
    const account = /^(\d{12})$/.exec(value)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1];
    if (account) {
      return `account ${account} (whoever its IAM policies allow)`;
    }
    const identity = /^arn:[^:]+:(iam|sts)::(\d{12}):(role|user|assumed-role|federated-user)\/(.+)$/.exec(value);
    if (identity) {
      return `${identity[3] === 'assumed-role' ? 'the role session' : identity[3] === 'federated-user' ? 'the federated user' : `the IAM ${identity[3]}`} ${code(identity[4])} of account ${identity[2]}`;
    }
    return code(value);
  }
  if (type === 'Service') {
    return `the service ${code(value)}`;
  }
  if (type === 'CanonicalUser') {
    return 'an S3 canonical user';
  }
  return `${type} ${code(value)}`;
}

/** Operator words for a condition: "is", "is not in", "matches". */
const OPERATOR_WORDS: Record<string, string> = {
  StringEquals: 'is', StringNotEquals: 'is not', StringEqualsIgnoreCase: 'is (ignoring case)', StringNotEqualsIgnoreCase: 'is not (ignoring case)',
  StringLike: 'matches', StringNotLike: 'does not match', NumericEquals: '=', NumericNotEquals: '≠', NumericLessThan: '<',
  NumericLessThanEquals: '≤', NumericGreaterThan: '>', NumericGreaterThanEquals: '≥', DateEquals: 'is', DateNotEquals: 'is not',
  DateLessThan: 'is before', DateLessThanEquals: 'is at or before', DateGreaterThan: 'is after', DateGreaterThanEquals: 'is at or after',
  Bool: 'is', BinaryEquals: 'is', IpAddress: 'is in', NotIpAddress: 'is not in', ArnEquals: 'is', ArnLike: 'matches', ArnNotEquals: 'is not', ArnNotLike: 'does not match',
};

/** One condition entry in words: "`aws:SourceVpce` is `vpce-1a2b3c4d`", with the missing-key behaviour where it matters. */
export function conditionWords(entry: ConditionEntry, unknowns?: UnknownValues): string {
  const values = entry.values.map((node) => {
    const computed = unknowns?.describe(node);
    return computed ? `${code(computed)} (computed by the host)` : code(String(node.value));
  });
  const which = entry.qualifier === 'ForAnyValue' ? 'some value of ' : entry.qualifier === 'ForAllValues' ? 'every value of ' : '';
  if (entry.baseOperator === 'Null') {
    const absent = entry.values.map((node) => String(node.value).toLowerCase());
    return `${code(entry.key)} ${absent.length === 1 ? (absent[0] === 'true' ? 'is absent' : 'is present') : 'is absent or present'}`;
  }
  const words = OPERATOR_WORDS[entry.baseOperator] ?? code(entry.operator);
  const missing = entry.ifExists ? ' (or the request does not carry it)'
    : /Not(Equals|Like|IpAddress)/.test(entry.baseOperator) || entry.qualifier === 'ForAllValues' ? ' (also true when the request does not carry it)' : '';
  return `${which}${code(entry.key)} ${words} ${values.length === 0 ? 'nothing' : values.join(' or ')}${missing}`;
}

/** How many resources a statement hover lists before "and N more". */
const LISTED_RESOURCES = 4;

/** What a statement grants or denies, to whom, on what and when, in Markdown. */
export function describeStatement(statement: PolicyStatement, unknowns?: UnknownValues): string {
  const { elements } = statement;
  const effect = stringValue(elements.Effect?.valueNode);
  const sid = stringValue(elements.Sid?.valueNode);
  const verb = effect === 'Allow' ? 'Allows' : effect === 'Deny' ? 'Denies' : 'Has no valid Effect for';
  const actions = grantedActions(statement);
  const what = elements.NotAction
    ? `every S3 action except ${stringNodes(elements.NotAction.valueNode).map((node) => code(String(node.value))).join(', ')} (${actions.length} actions)`
    : actions.length === 0 ? 'no S3 action' : `${describeAccess(actions)} — ${actions.length} S3 action${actions.length === 1 ? '' : 's'}`;
  const principals = principalValues(statement);
  const listed = principals.map((value) => {
    const computed = unknowns?.describe(value.node);
    return computed ? `${code(computed)} (computed by the host)` : principalWords(value.type, value.value);
  });
  const who = elements.NotPrincipal ? `everyone except ${listed.join(', ')}` : listed.length > 0 ? listed.join(', ') : 'nobody (the statement has no Principal)';
  const resourceNode = elements.Resource?.valueNode ?? elements.NotResource?.valueNode;
  const resources = stringNodes(resourceNode).map((node) => {
    const computed = unknowns?.describe(node);
    return computed ? `${code(String(node.value))} (with ${code(computed)} computed by the host)` : code(String(node.value));
  });
  const on = resources.length === 0 ? 'no resource' : `${elements.NotResource ? 'every resource except ' : ''}${resources.slice(0, LISTED_RESOURCES).join(', ')}${resources.length > LISTED_RESOURCES ? ` and ${resources.length - LISTED_RESOURCES} more` : ''}`;
  const lines = [`**${verb}** ${what}`, '', `**To**: ${who}`, '', `**On**: ${on}`, ''];
  const entries = conditionEntries(statement);
  if (entries.length === 0) {
    lines.push('**When**: always (no Condition)');
  } else {
    lines.push(`**When** all of these hold:`, ...entries.map((entry) => `- ${conditionWords(entry, unknowns)}`));
  }
  const reason = publicStatementReason(statement, unknowns?.isUnknown);
  if (reason) {
    lines.push('', `**Public**: this statement makes the bucket public (${reason}).`);
  }
  return [`${statementLabel(statement.index, sid).replace(/^s/, 'S')}`, '', ...lines].join('\n');
}

/**
 * The hover on a statement: on its opening `{` or on its Sid's value (places the other hovers leave
 * alone), what it grants or denies, to whom, on what and under which conditions. Null elsewhere.
 */
export function statementHover(document: TextDocument, host: HostDocument, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  const policy = host.policies.find((candidate) => candidate.range.offset <= offset && offset <= candidate.range.offset + candidate.range.length);
  if (!policy?.policy.root) {
    return null;
  }
  const treeOffset = policy.view ? viewOffsetOf(policy.view, offset) : offset;
  if (treeOffset === undefined) {
    return null;
  }
  for (const statement of policy.policy.statements) {
    const sid = statement.elements.Sid?.valueNode;
    const onBrace = statement.node.type === 'object' && treeOffset === statement.node.offset && (!policy.view || policy.view.text[treeOffset] === '{');
    const onSid = sid?.type === 'string' && sid.offset <= treeOffset && treeOffset < sid.offset + sid.length;
    if (onBrace || onSid) {
      const node = onSid ? sid : statement.node;
      return {
        contents: { kind: MarkupKind.Markdown, value: describeStatement(statement, unknownValues(policy, host.text)) },
        range: hostRange(document, policy, node.offset, onSid ? node.length : 1),
      };
    }
  }
  return null;
}
