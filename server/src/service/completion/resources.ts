/* S3 Bucket Policy — MIT License. */
/**
 * Resource completion: the bucket ARN and the `bucket/*` ARN of every bucket the policy already
 * names, the one the statement's actions need first.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { bucketOfArn, splitArn } from '../arns';
import type { S3Action } from '../data/awsData';
import { stringNodes } from '../parser/nodeUtils';
import { PolicyDocument, PolicyStatement, RESOURCE_ELEMENTS } from '../parser/policyDocument';
import { grantedActions } from '../statementAccess';
import { escapeSnippet, Proposal } from './proposals';

/** A bucket the policy names, with the partition of the ARN that names it. */
interface NamedBucket {
  bucket: string;
  partition: string;
}

/** The buckets the policy's Resource and NotResource ARNs name, in document order. */
export function namedBuckets(policy: PolicyDocument): NamedBucket[] {
  const found = new Map<string, NamedBucket>();
  for (const statement of policy.statements) {
    for (const element of RESOURCE_ELEMENTS) {
      for (const node of stringNodes(statement.elements[element]?.valueNode)) {
        const value = String(node.value);
        const bucket = bucketOfArn(value);
        if (bucket && !/[*?$]/.test(bucket) && !found.has(bucket)) {
          found.set(bucket, { bucket, partition: splitArn(value.trim())?.partition || 'aws' });
        }
      }
    }
  }
  return [...found.values()];
}

/** One ARN to propose: what it names and which of the statement's actions need it. */
interface ArnChoice {
  arn: string;
  type: 'bucket' | 'object';
  bucket: string;
}

/** The actions of a statement that need a resource type, and whether the statement names actions at all. */
function actionsNeeding(statement: PolicyStatement | undefined, type: 'bucket' | 'object'): S3Action[] {
  if (!statement?.elements.Action) {
    return [];
  }
  return grantedActions(statement).filter((action) => action.resourceTypes.some((resourceType) => resourceType.name === type));
}

function neededFirst(statement: PolicyStatement | undefined): ('bucket' | 'object')[] {
  const needsBucket = actionsNeeding(statement, 'bucket').length > 0;
  const needsObject = actionsNeeding(statement, 'object').length > 0;
  return needsBucket && !needsObject ? ['bucket', 'object'] : ['object', 'bucket'];
}

function neededBy(statement: PolicyStatement | undefined, type: 'bucket' | 'object'): string {
  const actions = actionsNeeding(statement, type);
  if (actions.length === 0) {
    return '';
  }
  const names = actions.slice(0, 3).map((action) => `\`s3:${action.name}\``).join(', ');
  return `\n\nThe statement's ${names}${actions.length > 3 ? ', …' : ''} need${actions.length === 1 ? 's' : ''} it.`;
}

/**
 * The ARNs a statement's Resource can take, needed ones first: for each bucket the policy names,
 * the bucket ARN and `bucket/*`. Without a named bucket: the two ARN forms with a placeholder.
 */
export function resourceProposals(policy: PolicyDocument, statement: PolicyStatement | undefined, exclude: ReadonlySet<string>): Proposal[] {
  const order = neededFirst(statement);
  const needed = new Set(order.filter((type) => actionsNeeding(statement, type).length > 0));
  const buckets = namedBuckets(policy);
  if (buckets.length === 0) {
    return order.map((type, index) => ({
      label: type === 'bucket' ? 'arn:aws:s3:::bucket-name' : 'arn:aws:s3:::bucket-name/*',
      kind: CompletionItemKind.Reference,
      text: type === 'bucket' ? '"arn:aws:s3:::${1:bucket-name}"' : '"arn:aws:s3:::${1:bucket-name}/*"',
      snippet: true,
      detail: type === 'bucket' ? 'bucket ARN' : 'every object in the bucket',
      documentation: (type === 'bucket' ? 'The bucket itself: bucket actions such as `s3:ListBucket` need it.' : 'Every object in the bucket: object actions such as `s3:GetObject` need it.') + neededBy(statement, type),
      preselect: index === 0 && needed.has(type),
    }));
  }
  const choices: ArnChoice[] = [];
  for (const type of order) {
    for (const { bucket, partition } of buckets) {
      choices.push({ arn: `arn:${partition}:s3:::${bucket}${type === 'object' ? '/*' : ''}`, type, bucket });
    }
  }
  return choices.filter((choice) => !exclude.has(choice.arn)).map((choice, index) => ({
    label: choice.arn,
    kind: CompletionItemKind.Reference,
    text: JSON.stringify(choice.arn),
    snippet: false,
    detail: choice.type === 'bucket' ? `the bucket ${choice.bucket}` : `every object in ${choice.bucket}`,
    documentation: (choice.type === 'bucket' ? 'The bucket itself: bucket actions such as `s3:ListBucket` need this ARN.' : 'Every object in the bucket: object actions such as `s3:GetObject` need this ARN.') + neededBy(statement, choice.type),
    preselect: index === 0 && needed.has(choice.type),
  }));
}

/**
 * The value a new Resource element starts with: the ARNs the statement's actions need (both when
 * it needs both, or when it has no actions yet), of the first bucket the policy names.
 */
export function resourceValueSnippet(policy: PolicyDocument, statement: PolicyStatement | undefined): string {
  const bucket = namedBuckets(policy)[0];
  const needed = (['bucket', 'object'] as const).filter((type) => actionsNeeding(statement, type).length > 0);
  const types = needed.length === 1 ? needed : (['bucket', 'object'] as const);
  const quoted = (type: 'bucket' | 'object') => {
    const suffix = type === 'object' ? '/*' : '';
    return bucket ? escapeSnippet(JSON.stringify(`arn:${bucket.partition}:s3:::${bucket.bucket}${suffix}`)) : `"arn:aws:s3:::\${1:bucket-name}${suffix}"`;
  };
  return types.length === 1 ? quoted(types[0]) : `[${quoted('bucket')}, ${quoted('object')}]`;
}
