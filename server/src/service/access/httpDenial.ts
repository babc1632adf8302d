/* S3 Bucket Policy — MIT License. */
/**
 * Whether a bucket policy denies plain HTTP to everyone: the evaluator's answer for HTTP requests
 * (aws:SecureTransport false, which every request carries: EVALUATION-FACTS §1.5) from every class
 * of requests the policy names (requestClasses.ts), from the internet and through every network it
 * names, for every S3 action on the bucket and on its objects. Each must be denied explicitly
 * (§2.1 step 3), as "HTTPS-only" means in §5.3 10. The access summary's "HTTP" row is this verdict,
 * and the HTTPS-only rules (missingSecureTransportDeny, incompleteSecureTransportDeny,
 * secureTransportDenyNotStrict, invertedSecureTransport) take theirs from this module, so the
 * squiggles and the summary cannot disagree.
 */
import type { Node } from 'jsonc-parser';
import { ConditionEntry, conditionEntries } from '../conditionEntries';
import { matchS3Actions, s3Actions, S3Action } from '../data/awsData';
import { changedCopy, memoizePerObject } from '../memoizePerObject';
import { stringNodes, stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { findPlaceholders, hasTemplateVariableOpening } from '../placeholders';
import { principalValues } from '../principals';
import { booleanValue, policyBucket } from '../secureTransport';
import { evaluateEntry } from './conditionEvaluation';
import { evaluateAccess } from './evaluateAccess';
import { actionTruth, and, readsVariables, resourceTruth } from './evaluateStatement';
import { RequestClass, requestClasses } from './requestClasses';
import { actionGroups, BUCKET_AND_OBJECT_ACTIONS, coveredActions, isObjectAction, isSharedKey, objectSamples } from './requestSamples';
import { matchPrincipal } from './principalMatch';
import type { TestedElement, Truth } from './types';
import { Place, universalDenies } from './universalDenies';

/** The two kinds of resource a bucket policy governs. */
export type ResourceKind = 'bucket' | 'objects';

/** An HTTP request the policy does not deny. */
export interface OpenRequest {
  /** The class it comes from, in words ("Anyone (anonymous)"). */
  who: string;
  action: string;
  resource: string;
  /** When one statement is asked about alone: the first of its elements that did not match. */
  failedElement?: TestedElement;
}

/** The verdict on plain HTTP. */
export interface HttpDenial {
  /** Whether every HTTP request is denied explicitly: `maybe` when it hangs on a value we cannot know. */
  everyone: Truth;
  /** The same, for the requests on the bucket ARN alone, and on its objects alone. */
  kinds: Record<ResourceKind, Truth>;
  /** The first request found that is not denied, of each kind. */
  open: Partial<Record<ResourceKind, OpenRequest>>;
  /** The bucket asked about (the one the policy is attached to, else the one its first S3 ARN names) and its partition. */
  bucket: string;
  partition: string;
}

/** What to ask about. */
export interface HttpDenialOptions {
  /** The bucket owner's account, when known (see requestClasses). */
  owner?: string;
  isUnknown?: (node: Node) => boolean;
  /** Only these statements, for one statement's own verdict; every statement of the policy by default. */
  statements?: readonly PolicyStatement[];
}

const SECURE_TRANSPORT_KEY = 'aws:securetransport';
const HTTP_CONTEXT = new Map([[SECURE_TRANSPORT_KEY, ['false']]]);
const HTTPS_CONTEXT = new Map([[SECURE_TRANSPORT_KEY, ['true']]]);

/** The evaluator's inputs for a condition entry on a request over HTTP, and over HTTPS. */
const OVER_HTTP = { context: HTTP_CONTEXT, variables: false, isUnknown: undefined };
const OVER_HTTPS = { context: HTTPS_CONTEXT, variables: false, isUnknown: undefined };

function isDeny(statement: PolicyStatement): boolean {
  return stringValue(statement.elements.Effect?.valueNode) === 'Deny';
}

/** How one condition entry reads over HTTP and over HTTPS, by the evaluator (every request carries aws:SecureTransport); once per entry. */
export const transportTruths = memoizePerObject((entry: ConditionEntry): { http: Truth; https: Truth } => ({
  http: evaluateEntry(entry, OVER_HTTP).result,
  https: evaluateEntry(entry, OVER_HTTPS).result,
}));

/** A statement's tests of aws:SecureTransport, and whether together they hold over HTTP and over HTTPS; undefined when it has none. */
export function secureTransportTest(statement: PolicyStatement): { entries: ConditionEntry[]; http: Truth; https: Truth } | undefined {
  const entries = conditionEntries(statement).filter((entry) => entry.lowerKey === SECURE_TRANSPORT_KEY);
  if (entries.length === 0) {
    return undefined;
  }
  const truths = entries.map(transportTruths);
  return { entries, http: truths.reduce<Truth>((truth, item) => and(truth, item.http), 'yes'), https: truths.reduce<Truth>((truth, item) => and(truth, item.https), 'yes') };
}

/** The Deny statements that refuse plain HTTP and not HTTPS: their aws:SecureTransport tests hold over HTTP only (Bool "false", BoolIfExists, StringEquals "false", …). */
export const httpOnlyDenies = memoizePerObject((policy: PolicyDocument): readonly PolicyStatement[] => policy.statements.filter((statement) => {
  const test = isDeny(statement) ? secureTransportTest(statement) : undefined;
  return test !== undefined && test.http === 'yes' && test.https === 'no';
}));

/**
 * The aws:SecureTransport tests that read the wrong way round, by the evaluator: in an Allow, one that
 * holds over HTTP and not over HTTPS (the grant works only over plain HTTP); in a Deny whose only
 * condition it is, one that holds over HTTPS and not over HTTP (it refuses HTTPS and lets HTTP
 * through). A Deny that pairs it with other keys, such as a TLS-version limit, is deliberate. Only
 * a test whose value reads as a boolean is listed: the fix flips it.
 */
export function invertedEntries(statement: PolicyStatement): ConditionEntry[] {
  const effect = stringValue(statement.elements.Effect?.valueNode);
  const entries = conditionEntries(statement);
  if ((effect !== 'Allow' && effect !== 'Deny') || (effect === 'Deny' && entries.length !== 1)) {
    return [];
  }
  return entries.filter((entry) => {
    if (entry.lowerKey !== SECURE_TRANSPORT_KEY || booleanValue(entry) === undefined) {
      return false;
    }
    const { http, https } = transportTruths(entry);
    return effect === 'Allow' ? http === 'yes' && https === 'no' : https === 'yes' && http === 'no';
  });
}

/**
 * False when a statement's Condition names a key other than aws:SecureTransport, read from its
 * nodes: most Denies test other keys, and this rules them out before their entries are read. True
 * where it cannot tell (no Condition, or one of another shape), leaving the answer to `appliesAlike`.
 */
function mayApplyAlike(statement: PolicyStatement): boolean {
  const condition = statement.elements.Condition?.valueNode;
  return condition?.type !== 'object' || (condition.children ?? []).every((operator) => {
    const block = operator.children?.[1];
    return block?.type !== 'object' || (block.children ?? []).every((entry) => isSecureTransportKey(entry.children?.[0]?.value));
  });
}

/** True for "aws:SecureTransport" in any case; other keys are told apart by their length, without lowercasing them. */
function isSecureTransportKey(key: unknown): boolean {
  return typeof key === 'string' && key.length === SECURE_TRANSPORT_KEY.length && key.toLowerCase() === SECURE_TRANSPORT_KEY;
}

/** True when a Deny applies to everyone alike, wherever from: Principal "*", no variables, conditions only on aws:SecureTransport (that hold over HTTP); once per statement. */
const appliesAlike = memoizePerObject((statement: PolicyStatement): boolean => {
  // The conditions first: most Denies test other keys.
  if (!conditionEntries(statement).every((entry) => entry.lowerKey === SECURE_TRANSPORT_KEY && transportTruths(entry).http === 'yes')
    || statement.elements.NotPrincipal || stringNodes(statement.elements.Resource?.valueNode ?? statement.elements.NotResource?.valueNode).some((node) => String(node.value).includes('${'))) {
    return false;
  }
  const values = principalValues(statement);
  return values.length === 1 && values[0].value === '*' && (values[0].type === '*' || values[0].type === 'AWS');
});

/** True when a statement's Resource (or NotResource) covers a resource for certain. */
function resourceCovered(statement: PolicyStatement, resource: string, variables: boolean): boolean {
  return resourceTruth(statement, { request: { principal: { kind: 'anonymous' }, action: 's3:*', resource }, context: HTTP_CONTEXT, variables, isUnknown: undefined }) === 'yes';
}

/** The object ARNs to ask about, once per policy and bucket (a policy's verdict and its statements' own verdicts ask about the same). */
const sampleTable = memoizePerObject((_policy: PolicyDocument) => new Map<string, string[]>());
function samplesOf(policy: PolicyDocument, partition: string, bucket: string): string[] {
  const table = sampleTable(policy);
  const key = `${partition}:${bucket}`;
  let samples = table.get(key);
  if (!samples) {
    samples = objectSamples(policy.statements, partition, bucket);
    table.set(key, samples);
  }
  return samples;
}

/**
 * The verdict on plain HTTP for a policy, or for some of its statements. Requests a Deny that
 * applies to everyone alike refuses are settled without asking per class (the common case: one
 * HTTPS-only deny); the others are asked of the evaluator for every class and place.
 */
export function httpDenial(policy: PolicyDocument, options: HttpDenialOptions = {}): HttpDenial {
  const target = policyBucket(policy) ?? { partition: 'aws', bucket: 'bucket' };
  const denies = (options.statements ?? policy.statements).filter(isDeny);
  const bucketArn = `arn:${target.partition}:s3:::${target.bucket}`;
  const requests: { kind: ResourceKind; resources: () => readonly string[] }[] = [
    { kind: 'bucket', resources: () => [bucketArn] },
    { kind: 'objects', resources: () => samplesOf(policy, target.partition, target.bucket) },
  ];
  // A Resource item `<prefix>*` whose prefix starts the bucket's ARN (or its objects') covers every resource of that kind asked about.
  const coversKind = (statement: PolicyStatement, kind: ResourceKind): boolean => stringNodes(statement.elements.Resource?.valueNode).some((node) => {
    const text = String(node.value);
    const prefix = text.slice(0, -1);
    return text.endsWith('*') && !/[*?]|\$\{/.test(prefix) && (kind === 'objects' ? `${bucketArn}/` : bucketArn).startsWith(prefix);
  });
  const variables = readsVariables(policy);
  // A Deny alike for everyone that covers every action of a kind on every resource of that kind asked about.
  const settles = (statement: PolicyStatement, kind: ResourceKind, resources: () => readonly string[]): boolean => coversEveryAction(statement, kind)
    && (coversKind(statement, kind) || resources().every((resource) => resourceCovered(statement, resource, variables)));
  const verdict: HttpDenial = { everyone: 'yes', kinds: { bucket: 'yes', objects: 'yes' }, open: {}, bucket: target.bucket, partition: target.partition };
  const alike: PolicyStatement[] = [];
  for (const statement of options.isUnknown ? [] : denies) {
    if (mayApplyAlike(statement) && appliesAlike(statement)) {
      // The common case, settled at once: one such Deny covers both kinds (the usual HTTPS-only deny).
      if (requests.every(({ kind, resources }) => settles(statement, kind, resources))) {
        return verdict;
      }
      alike.push(statement);
    }
  }
  const refusedAlike = (action: string, resource: string): boolean => alike.some((statement) => actionTruth(statement, action, undefined) === 'yes' && resourceCovered(statement, resource, variables));
  let groups: S3Action[][] | undefined;
  let asked: { view: PolicyDocument; classes: RequestClass[]; owner: string; places: Place[]; refusedToAll: ReturnType<typeof universalDenies> } | undefined;
  const ask = () => {
    if (!asked) {
      // The policy as if it had only these Denies (no Allow can turn a Deny into anything else).
      const view = changedCopy(policy, { statements: denies });
      const { classes, networks, internet, compliant, owner } = requestClasses(policy, options.owner);
      const places = [internet, ...networks.map((network) => network.context)].map((context) => ({ context: { ...compliant, ...context, 'aws:SecureTransport': 'false' } }));
      asked = { view, classes, owner, places, refusedToAll: universalDenies(view, isSharedKey, options.isUnknown) };
    }
    return asked;
  };
  for (const { kind, resources } of requests) {
    if (alike.some((statement) => settles(statement, kind, resources))) {
      continue;
    }
    let truth: Truth = 'yes';
    groups ??= actionGroups(denies, BUCKET_AND_OBJECT_ACTIONS());
    search: for (const group of groups) {
      if (isObjectAction(group[0]) !== (kind === 'objects')) {
        continue;
      }
      const action = `s3:${group[0].name}`;
      for (const resource of resources()) {
        if (refusedAlike(action, resource)) {
          continue;
        }
        const { view, classes, owner, places, refusedToAll } = ask();
        for (const place of refusedToAll.openPlaces(action, resource, places, 'http')) {
          for (const requestClass of classes) {
            const result = evaluateAccess({ principal: requestClass.principal, action, resource, context: { ...requestClass.context, ...place.context } }, { bucketPolicy: view, bucketOwnerAccount: owner, isUnknown: options.isUnknown });
            if (result.decision === 'explicitDeny') {
              continue;
            }
            if (result.possible.includes('explicitDeny')) {
              truth = 'maybe';
              continue;
            }
            truth = 'no';
            verdict.open[kind] = { who: requestClass.label, action, resource, failedElement: denies.length === 1 ? result.statements[0]?.failedElement : undefined };
            break search;
          }
        }
      }
    }
    verdict.kinds[kind] = truth;
    verdict.everyone = and(verdict.everyone, truth);
  }
  return verdict;
}

/**
 * A template's variable left in a policy (`${BucketName}`, `${AWS::AccountId}`): a value we cannot
 * know, so no finding rests on it. The evaluator would read it as a policy variable without a value,
 * which matches nothing. Other template text (`your-bucket-name`) is literal and read as written.
 */
function placeholderUnknown(policy: PolicyDocument): ((node: Node) => boolean) | undefined {
  return hasTemplateVariableOpening(policy.text)
    ? (node) => node.type === 'string' && findPlaceholders(String(node.value)).some((match) => match.kind === 'templateVariable')
    : undefined;
}

/**
 * The verdicts computed for a policy, by the bucket it was attached to then (a policy tree kept
 * across edits of a Terraform file can be attached to another bucket) and then by what was asked:
 * the whole policy (`undefined`) or one statement as if it were the only Deny.
 */
const verdictsOf = memoizePerObject((_policy: PolicyDocument) => new Map<string, Map<PolicyStatement | undefined, HttpDenial>>());

function verdictOf(policy: PolicyDocument, statement: PolicyStatement | undefined): HttpDenial {
  const byBucket = verdictsOf(policy);
  const bucket = policy.attachedBucket?.name ?? '';
  let verdicts = byBucket.get(bucket);
  if (!verdicts) {
    verdicts = new Map();
    byBucket.set(bucket, verdicts);
  }
  let verdict = verdicts.get(statement);
  if (!verdict) {
    verdict = httpDenial(policy, { ...(statement ? { statements: [statement] } : {}), isUnknown: placeholderUnknown(policy) });
    verdicts.set(statement, verdict);
  }
  return verdict;
}

/** The rules' verdict for a policy, computed once per parsed document and attached bucket. */
export function policyHttpDenial(policy: PolicyDocument): HttpDenial {
  return verdictOf(policy, undefined);
}

/** One statement's own verdict, as if it were the only Deny: once per statement and attached bucket. */
export function statementHttpDenial(policy: PolicyDocument, statement: PolicyStatement): HttpDenial {
  return verdictOf(policy, statement);
}

/** Whether a statement's Action (or NotAction) covers every action on the bucket, and every action on objects; once per statement. */
const actionCoverage = memoizePerObject((statement: PolicyStatement): Record<ResourceKind, boolean> => {
  // The common case first: an Action item that matches every S3 action (`s3:*`, `*`).
  if (!statement.elements.NotAction && stringNodes(statement.elements.Action?.valueNode).some((node) => matchS3Actions(String(node.value)).length === s3Actions().length)) {
    return { bucket: true, objects: true };
  }
  const covered = coveredActions(statement);
  const coverage = { bucket: true, objects: true };
  for (const action of BUCKET_AND_OBJECT_ACTIONS()) {
    if (!covered.has(action)) {
      coverage[isObjectAction(action) ? 'objects' : 'bucket'] = false;
    }
  }
  return coverage;
});

/** True when a statement's Action (or NotAction) covers every action of a kind on the bucket. */
export function coversEveryAction(statement: PolicyStatement, kind: ResourceKind): boolean {
  return actionCoverage(statement)[kind];
}

/**
 * What an HTTPS-only deny leaves out when it refuses HTTP on one kind of resource to everyone and
 * not the other, and its Action covers both: the ARN that completes it. Undefined otherwise.
 */
export function missingHalf(policy: PolicyDocument, statement: PolicyStatement): { covered: ResourceKind; arn: string; bucket: string } | undefined {
  const own = statementHttpDenial(policy, statement);
  const { bucket, partition } = own;
  if (own.kinds.objects === 'yes' && own.kinds.bucket === 'no' && coversEveryAction(statement, 'bucket')) {
    return { covered: 'objects', arn: `arn:${partition}:s3:::${bucket}`, bucket };
  }
  if (own.kinds.bucket === 'yes' && own.kinds.objects === 'no' && coversEveryAction(statement, 'objects')) {
    return { covered: 'bucket', arn: `arn:${partition}:s3:::${bucket}/*`, bucket };
  }
  return undefined;
}

/** True when a Deny's Principal (or NotPrincipal) reaches every class of requests the policy names. */
export function reachesEveryClass(policy: PolicyDocument, statement: PolicyStatement): boolean {
  return requestClasses(policy, undefined).classes.every((requestClass) => matchPrincipal(statement, requestClass.principal, undefined, true).applies === 'yes');
}

/** True when a statement's Resource (or NotResource) covers the bucket's ARN or one of the object ARNs asked about. */
export function touchesBucket(policy: PolicyDocument, statement: PolicyStatement): boolean {
  const { partition, bucket } = policyBucket(policy) ?? { partition: 'aws', bucket: 'bucket' };
  const variables = readsVariables(policy);
  return [`arn:${partition}:s3:::${bucket}`, ...samplesOf(policy, partition, bucket)].some((resource) => resourceCovered(statement, resource, variables));
}
