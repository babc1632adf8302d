/* S3 Bucket Policy — MIT License. */
/**
 * The access summary of a bucket policy: who can do what, derived from the evaluator over the
 * classes of requests the policy names (requestClasses.ts), from the internet and through each
 * network it names, over HTTPS and over HTTP, for every S3 action on the bucket and its objects.
 * S3's "public" verdict (publicPolicy.ts) is reported beside the effective anonymous access: the
 * two differ when a Deny closes what an Allow opens (EVALUATION-FACTS §4.2 rule 1).
 */
import type { Node } from 'jsonc-parser';
import { conditionEntries } from '../conditionEntries';
import type { S3Action } from '../data/awsData';
import { memoizePerObject } from '../memoizePerObject';
import { stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { policyBucket } from '../secureTransport';
import { evaluateAccess } from './evaluateAccess';
import { httpDenial } from './httpDenial';
import { matchPrincipal } from './principalMatch';
import { publicStatementReason } from './publicPolicy';
import { NetworkVariant, RequestClass, RequestClassKind, requestClasses } from './requestClasses';
import { actionGroups, BUCKET_AND_OBJECT_ACTIONS, coveredActions, isObjectAction, isSharedKey, NETWORK_KEYS, objectSamples } from './requestSamples';
import { Place, UniversalDenies, universalDenies } from './universalDenies';
import type { AccessResult, OffsetRange } from './types';

/** What one class of requests may do from one place. */
export interface AccessGrant {
  who: { kind: RequestClassKind; id: string | undefined; label: string };
  /** Where from: undefined for anywhere (the internet), else the network the policy names. */
  via: { kind: 'vpce' | 'vpc' | 'ip'; value: string; open: boolean } | undefined;
  /** The S3 actions allowed, `s3:Name`, in the AWS data's order. */
  actions: string[];
  /** Their access levels (List, Read, Write, Permissions management, Tagging), in that order. */
  accessLevels: string[];
  /** True when the grant holds only if the caller's identity policies allow too (same-account delegation, cross-account). */
  ifIdentityAllows: boolean;
  /** True when the same requests over plain HTTP are denied explicitly. */
  httpsOnly: boolean;
  /** True when the grant holds over plain HTTP only (an Allow conditioned on aws:SecureTransport false). */
  onlyOverHttp: boolean;
  /** The bucket-policy statements that allow it, by index. */
  statements: number[];
}

/** A statement that makes the policy public in S3's sense. */
export interface PublicStatement {
  index: number;
  sid: string | undefined;
  range: OffsetRange;
  reason: string;
}

/** The summary of one policy. */
export interface AccessSummary {
  /** S3's meaning of "public" (what Block Public Access reads). */
  public: boolean;
  publicStatements: PublicStatement[];
  /** The actions anyone may actually perform without credentials, from the internet or through a network anyone can reach. */
  publicActions: string[];
  /**
   * True when every HTTP request, from every class and place, to every action on the bucket and its
   * objects, is denied explicitly (httpDenial.ts, the verdict the HTTPS-only rules read): HTTP is denied to everyone.
   */
  httpsOnly: boolean;
  grants: AccessGrant[];
  /** The bucket the summary is about (the one the policy is attached to, else the one its first S3 ARN names). */
  bucket: string;
  /** What the requests asked about send besides who and where: the values the policy's conditions ask for. */
  assumes: string[];
  /** The summary in one line. */
  line: string;
}

/** The access levels in the order the summary shows them. */
export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;

/** The first access level of an action (`Permissions management, Write` → `Permissions management`). */
export function accessLevelOf(action: S3Action): string {
  return action.accessLevel.split(', ')[0];
}

/** An allowed request: the evaluator's answer and the resource asked about. */
interface Asked {
  result: AccessResult;
  resource: string;
}

/** What the summary needs for one policy. */
interface SummaryInputs {
  policy: PolicyDocument;
  owner: string;
  partition: string;
  bucket: string;
  /** The internet first, then each network the policy names, each over HTTPS and over HTTP. */
  places: readonly SummaryPlace[];
  httpsPlaces: readonly Place[];
  httpPlaces: readonly Place[];
  universal: UniversalDenies;
  isUnknown: ((node: Node) => boolean) | undefined;
}

/** A place requests come from, with its context over HTTPS and over HTTP. */
interface SummaryPlace {
  via: NetworkVariant | undefined;
  https: Place;
  http: Place;
}

/** The grants of one class: each action group from the internet, else through each network. */
function classGrants(requestClass: RequestClass, inputs: SummaryInputs): AccessGrant[] {
  const relevant = inputs.policy.statements.filter((statement) => matchPrincipal(statement, requestClass.principal, inputs.isUnknown, stringValue(statement.elements.Effect?.valueNode) === 'Deny').applies !== 'no');
  const allows = relevant.filter((statement) => stringValue(statement.elements.Effect?.valueNode) === 'Allow');
  if (allows.length === 0 && requestClass.kind !== 'ownerAccount') {
    return [];
  }
  const view: PolicyDocument = { ...inputs.policy, statements: relevant };
  const byIndex = new Map(relevant.map((statement) => [statement.index, statement]));
  const bucketArn = `arn:${inputs.partition}:s3:::${inputs.bucket}`;
  const grants = new Map<string, AccessGrant>();
  const ask = (action: S3Action, resources: readonly string[], place: Place, open: ReadonlyMap<string, ReadonlySet<Place>>): { allowed: Asked | undefined; statements: PolicyStatement[] } => {
    const statements: PolicyStatement[] = [];
    for (const resource of resources) {
      if (!open.get(resource)!.has(place)) {
        continue;
      }
      const result = evaluateAccess({ principal: requestClass.principal, action: `s3:${action.name}`, resource, context: { ...requestClass.context, ...place.context } }, { bucketPolicy: view, bucketOwnerAccount: inputs.owner, isUnknown: inputs.isUnknown });
      if (result.decision === 'allow') {
        return { allowed: { result, resource }, statements };
      }
      statements.push(...result.statements.filter((statement) => statement.failedElement === 'Condition' || statement.applies !== 'no').map((statement) => byIndex.get(statement.index)!));
    }
    return { allowed: undefined, statements };
  };
  const networkStatements = new Set(relevant.filter(hasNetworkCondition));
  // Only the owner's account has identity policies to fall back on: other classes can do only what an Allow here grants them.
  const candidates = requestClass.kind === 'ownerAccount' ? BUCKET_AND_OBJECT_ACTIONS() : new Set(allows.flatMap((statement) => [...coveredActions(statement)]));
  for (const group of actionGroups(relevant, candidates)) {
    const representative = group[0];
    const granting = allows.filter((statement) => coveredActions(statement).has(representative));
    const samples = isObjectAction(representative) ? objectSamples(granting, inputs.partition, inputs.bucket) : [bucketArn];
    const [internet, ...networks] = inputs.places;
    const actionName = `s3:${representative.name}`;
    // The places from which no universal Deny refuses the action on each sample (kept across classes).
    const open = new Map(samples.map((sample) => [sample, inputs.universal.openPlaces(actionName, sample, inputs.httpsPlaces, 'https')]));
    const fromInternet = ask(representative, samples, internet.https, open);
    const answers: { place: SummaryPlace; allowed: Asked | undefined; overHttp?: boolean }[] = [{ place: internet, allowed: fromInternet.allowed }];
    // Another network can change the answer only when a statement that could apply tests a network key
    // (or a universal Deny, which may be one, refused the internet).
    const networkMatters = fromInternet.allowed === undefined && (fromInternet.statements.length === 0 || fromInternet.statements.some((statement) => networkStatements.has(statement)));
    if (networkMatters) {
      answers.push(...networks.filter((place) => samples.some((sample) => open.get(sample)!.has(place.https))).map((place) => ({ place, allowed: ask(representative, samples, place.https, open).allowed })));
    }
    if (answers.every((answer) => answer.allowed === undefined)) {
      // Refused over HTTPS everywhere: a grant may still hold over plain HTTP only.
      const overHttp = new Map(samples.map((sample) => [sample, inputs.universal.openPlaces(actionName, sample, inputs.httpPlaces, 'http')]));
      const firstOverHttp = inputs.places.find((place) => samples.some((sample) => overHttp.get(sample)!.has(place.http)) && ask(representative, samples, place.http, overHttp).allowed);
      if (firstOverHttp) {
        answers.push({ place: firstOverHttp, allowed: ask(representative, samples, firstOverHttp.http, overHttp).allowed, overHttp: true });
      }
    }
    for (const { place, allowed, overHttp } of answers) {
      if (!allowed) {
        continue;
      }
      const action = `s3:${representative.name}`;
      const httpsOnly = !overHttp && (inputs.universal.denies(action, allowed.resource, place.http)
        || evaluateAccess({ principal: requestClass.principal, action, resource: allowed.resource, context: { ...requestClass.context, ...place.http.context } }, { bucketPolicy: view, bucketOwnerAccount: inputs.owner, isUnknown: inputs.isUnknown }).decision === 'explicitDeny');
      const ifIdentityAllows = allowed.result.requiresIdentityAllow !== undefined;
      const via = place.via;
      const onlyOverHttp = overHttp === true;
      const key = `${via?.kind ?? ''}|${via?.value ?? ''}|${ifIdentityAllows}|${httpsOnly}|${onlyOverHttp}`;
      const grant = grants.get(key) ?? { who: { kind: requestClass.kind, id: requestClass.id, label: requestClass.label }, via: via && { kind: via.kind, value: via.value, open: via.open }, actions: [], accessLevels: [], ifIdentityAllows, httpsOnly, onlyOverHttp, statements: [] };
      grants.set(key, grant);
      grant.actions.push(...group.map((item) => `s3:${item.name}`));
      grant.statements.push(...allowed.result.deciding.filter((statement) => statement.policy === 'bucket').map((statement) => statement.index));
    }
  }
  const order = new Map(BUCKET_AND_OBJECT_ACTIONS().map((action, index) => [`s3:${action.name}`, index]));
  const levels = new Map(BUCKET_AND_OBJECT_ACTIONS().map((action) => [`s3:${action.name}`, accessLevelOf(action)]));
  return [...grants.values()].map((grant) => {
    grant.actions.sort((a, b) => order.get(a)! - order.get(b)!);
    grant.accessLevels = ACCESS_LEVELS.filter((level) => grant.actions.some((action) => levels.get(action) === level));
    grant.statements = [...new Set(grant.statements)].sort((a, b) => a - b);
    return grant;
  });
}

/** True when a statement tests a network key. */
const hasNetworkCondition = memoizePerObject((statement: PolicyStatement): boolean => conditionEntries(statement).some((entry) => NETWORK_KEYS.has(entry.lowerKey)));

/** True for a grant anyone can use: anonymous, from the internet or a network anyone can reach. */
export function isPublicGrant(grant: AccessGrant): boolean {
  return grant.who.kind === 'anonymous' && (grant.via === undefined || grant.via.open);
}

/**
 * Summarizes who can do what under a bucket policy. `owner` is the bucket owner's account when known
 * (see requestClasses); `isUnknown` marks values a host cannot know.
 */
export function summarizeAccess(policy: PolicyDocument, knownOwner: string | undefined, isUnknown?: (node: Node) => boolean): AccessSummary {
  const place = policyBucket(policy);
  const { classes, networks, internet, assumed, owner } = requestClasses(policy, knownOwner);
  const places: SummaryPlace[] = [undefined, ...networks].map((via) => {
    const context = via?.context ?? internet;
    return { via, https: { context }, http: { context: { ...context, 'aws:SecureTransport': 'false' } } };
  });
  const universal = universalDenies(policy, isSharedKey, isUnknown);
  const inputs: SummaryInputs = { policy, owner, partition: place?.partition ?? 'aws', bucket: place?.bucket ?? 'bucket', places, httpsPlaces: places.map((entry) => entry.https), httpPlaces: places.map((entry) => entry.http), universal, isUnknown };
  const grants = classes.flatMap((requestClass) => classGrants(requestClass, inputs));
  const publicStatements = policy.statements.flatMap((statement): PublicStatement[] => {
    const reason = publicStatementReason(statement, isUnknown);
    return reason === undefined ? [] : [{ index: statement.index, sid: stringValue(statement.elements.Sid?.valueNode), range: { offset: statement.node.offset, length: statement.node.length }, reason }];
  });
  const publicActions = [...new Set(grants.filter(isPublicGrant).flatMap((grant) => grant.actions))];
  const summary: AccessSummary = { public: publicStatements.length > 0, publicStatements, publicActions, httpsOnly: httpDenial(policy, { owner: knownOwner, isUnknown }).everyone === 'yes', grants, bucket: inputs.bucket, assumes: assumed, line: '' };
  summary.line = summaryLine(summary);
  return summary;
}

/** Words for the access levels. */
const LEVEL_WORDS: Record<string, string> = {
  'List': 'list', 'Read': 'read', 'Write': 'write', 'Permissions management': 'change permissions', 'Tagging': 'tag',
};

/** "read and list", in the summary's order. */
export function levelWords(levels: readonly string[]): string {
  const words = levels.map((level) => LEVEL_WORDS[level] ?? level.toLowerCase());
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Where a class's grants hold, in words: "" for anywhere, " only through vpce-1, vpce-2". */
export function viaWords(grants: readonly AccessGrant[]): string {
  if (grants.some((grant) => grant.via === undefined)) {
    return '';
  }
  const networks = [...new Set(grants.map((grant) => grant.via!.value))];
  return `, only through ${networks.slice(0, 3).join(', ')}${networks.length > 3 ? ` and ${networks.length - 3} more` : ''}`;
}

/** How many classes the one-line summary names before "and N more". */
const LINE_CLASSES = 3;

/** The summary in one line: "Public: read (s3:GetObject) · Account 444455556666: read and list, only through vpce-1a2b3c4d · HTTP: denied to everyone". */
function summaryLine(summary: AccessSummary): string {
  const parts: string[] = [];
  if (summary.publicActions.length > 0) {
    const levels = ACCESS_LEVELS.filter((level) => summary.grants.some((grant) => isPublicGrant(grant) && grant.accessLevels.includes(level)));
    parts.push(`Public: ${levelWords(levels)} (${summary.publicActions.slice(0, 2).join(', ')}${summary.publicActions.length > 2 ? ', …' : ''})`);
  } else if (summary.public) {
    parts.push(`Public for S3 (statement ${summary.publicStatements.map((statement) => statement.sid ?? statement.index).join(', ')}), though no anonymous request gets in`);
  } else {
    parts.push('Not public');
  }
  const others = new Map<string, AccessGrant[]>();
  for (const grant of summary.grants) {
    if (grant.who.kind !== 'ownerAccount' && !isPublicGrant(grant)) {
      others.set(grant.who.label, [...(others.get(grant.who.label) ?? []), grant]);
    }
  }
  for (const [label, grants] of [...others].slice(0, LINE_CLASSES)) {
    const levels = ACCESS_LEVELS.filter((level) => grants.some((grant) => grant.accessLevels.includes(level)));
    parts.push(`${label}: ${levelWords(levels)}${viaWords(grants)}${grants.every((grant) => grant.onlyOverHttp) ? ', only over HTTP' : ''}`);
  }
  if (others.size > LINE_CLASSES) {
    parts.push(`${others.size - LINE_CLASSES} more`);
  }
  // The owner's account can do what its identity policies allow; say so only where the bucket policy narrows it.
  const owner = summary.grants.filter((grant) => grant.who.kind === 'ownerAccount');
  const ownerLevels = ACCESS_LEVELS.filter((level) => owner.some((grant) => grant.accessLevels.includes(level)));
  if (owner.length === 0) {
    parts.push('Bucket owner\'s account: nothing');
  } else if (viaWords(owner) !== '' || ownerLevels.length < ACCESS_LEVELS.length) {
    parts.push(`Bucket owner's account: ${levelWords(ownerLevels)}${viaWords(owner)}`);
  }
  parts.push(summary.httpsOnly ? 'HTTP: denied to everyone' : 'HTTP: not denied');
  if (!summary.grants.some((grant) => grant.who.kind !== 'ownerAccount' && grant.accessLevels.includes('Permissions management'))) {
    parts.push('Nobody outside the account can change permissions');
  }
  return parts.join(' · ');
}
