/* S3 Bucket Policy — MIT License. */
/**
 * What a statement grants and to whom, for the public-access rules: whether its Condition restricts
 * it to known callers (S3's meaning of "public"), and which kinds of access its actions give.
 */
import { ConditionEntry, conditionEntries } from './conditionEntries';
import { matchS3Actions, S3Action, s3Actions } from './data/awsData';
import { stringNodes } from './parser/nodeUtils';
import type { PolicyStatement } from './parser/policyDocument';

/**
 * Condition keys that tie a grant to known callers or networks, following S3's meaning of "public"
 * plus the organization and principal keys: with a fixed value under a positive operator, the
 * statement is not public. `aws:Referer`, `aws:SecureTransport`, time keys and the like do not count.
 */
const RESTRICTING_KEYS = new Set([
  'aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner',
  'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount',
  'aws:principalarn', 'aws:userid', 's3:dataaccesspointarn', 's3:dataaccesspointaccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
]);

/** Operators that require the key to be present and equal to (or like) one of the values. */
const POSITIVE_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress']);

/** How a statement's Condition limits who can use it. */
export interface Restriction {
  /** True when some condition ties the statement to fixed callers, networks or organizations. */
  restricted: boolean;
  /** A restricting key whose values have wildcards: S3 does not count it, and neither do we. */
  wildcardEntry?: ConditionEntry;
}

function isFixed(key: string, value: string): boolean {
  if (key === 'aws:sourceip') {
    return value.trim() !== '' && !/\/0$/.test(value.trim());
  }
  if (key === 'aws:userid') {
    return /^[^*?$]+:\*$/.test(value) || !/[*?]|\$\{/.test(value);
  }
  if (key === 'aws:principalorgpaths' || key === 'aws:sourceorgpaths') {
    return /^o-[a-z0-9]+\//.test(value);
  }
  return value !== '' && !/[*?]|\$\{/.test(value);
}

/** Whether a statement's Condition restricts it to fixed callers (S3's meaning of "public"). */
export function restriction(statement: PolicyStatement): Restriction {
  let wildcardEntry: ConditionEntry | undefined;
  for (const entry of conditionEntries(statement)) {
    const key = entry.lowerKey;
    if (!RESTRICTING_KEYS.has(key) || !POSITIVE_OPERATORS.has(entry.baseOperator) || entry.ifExists || entry.qualifier === 'ForAllValues' || entry.values.length === 0) {
      continue;
    }
    if (entry.values.every((value) => isFixed(key, String(value.value)))) {
      return { restricted: true };
    }
    wildcardEntry ??= entry;
  }
  return { restricted: false, wildcardEntry };
}

/** The kinds of access, from the AWS data's access levels, worst first, with the words the messages use. */
const ACCESS_KINDS: readonly { level: string; words: string }[] = [
  { level: 'Permissions management', words: 'change permissions (bucket policy, ACLs)' },
  { level: 'Write', words: 'write and delete' },
  { level: 'Read', words: 'read' },
  { level: 'List', words: 'list' },
  { level: 'Tagging', words: 'change tags' },
];

/** Actions people recognise, shown first among the examples of a kind of access. */
const FAMILIAR_ACTIONS = [
  'PutBucketPolicy', 'PutBucketAcl', 'PutObjectAcl', 'DeleteBucketPolicy', 'PutObject', 'DeleteObject', 'GetObject',
  'GetObjectVersion', 'GetBucketPolicy', 'ListBucket', 'ListBucketVersions', 'PutObjectTagging', 'DeleteObjectTagging',
];

/** Up to two actions to name as examples: the familiar ones when there are any, then the others, with "…" when there are more. */
function examples(actions: S3Action[]): string {
  const familiar = actions.filter((action) => FAMILIAR_ACTIONS.includes(action.name))
    .sort((a, b) => FAMILIAR_ACTIONS.indexOf(a.name) - FAMILIAR_ACTIONS.indexOf(b.name));
  const shown = (familiar.length > 0 ? familiar : actions).slice(0, 2);
  return shown.map((action) => `s3:${action.name}`).join(', ') + (actions.length > shown.length ? ', …' : '');
}

/** The S3 actions a statement grants: those its Action patterns match, or every S3 action its NotAction does not. */
export function grantedActions(statement: PolicyStatement): S3Action[] {
  const notAction = statement.elements.NotAction?.valueNode;
  if (notAction) {
    const excluded = new Set(stringNodes(notAction).flatMap((node) => matchS3Actions(String(node.value))));
    return s3Actions().filter((action) => !excluded.has(action));
  }
  const actions = new Set(stringNodes(statement.elements.Action?.valueNode).flatMap((node) => matchS3Actions(String(node.value))));
  return s3Actions().filter((action) => actions.has(action));
}

/**
 * What the actions let a caller do, in words, worst first, each with up to two example actions:
 * "change permissions (bucket policy, ACLs) (s3:PutBucketPolicy, …), read (s3:GetObject)".
 */
export function describeAccess(actions: readonly S3Action[]): string {
  const parts: string[] = [];
  for (const kind of ACCESS_KINDS) {
    const matching = actions.filter((action) => action.accessLevel.split(', ')[0] === kind.level);
    if (matching.length > 0) {
      parts.push(`${kind.words} (${examples(matching)})`);
    }
  }
  if (parts.length <= 1) {
    return parts.join('');
  }
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
