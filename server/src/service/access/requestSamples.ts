/* S3 Bucket Policy — MIT License. */
/**
 * The requests the access summary and the HTTP verdict ask the evaluator about: the S3 actions a
 * bucket policy governs, grouped by the statements that cover them (one request stands for each
 * group), the object ARNs to ask about, and the context keys every class of requests sends alike.
 */
import { s3Actions, S3Action } from '../data/awsData';
import { memoizePerObject } from '../memoizePerObject';
import { stringNodes } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
import { grantedActions } from '../statementAccess';

/** The actions a bucket policy governs: those on the bucket and on its objects. */
let bucketAndObjectActions: readonly S3Action[] | undefined;
export const BUCKET_AND_OBJECT_ACTIONS = (): readonly S3Action[] => (bucketAndObjectActions ??= s3Actions().filter((action) => action.resourceTypes.some((type) => type.name === 'bucket' || type.name === 'object')));

export function isObjectAction(action: S3Action): boolean {
  return action.resourceTypes.some((type) => type.name === 'object');
}

/** The S3 actions each statement's Action/NotAction covers, once per statement. */
export const coveredActions = memoizePerObject((statement: PolicyStatement): ReadonlySet<S3Action> => new Set(grantedActions(statement)));

/** Object ARNs to ask about: one per object pattern of the statements (wildcards as "x"), and one any pattern covers. */
export function objectSamples(statements: readonly PolicyStatement[], partition: string, bucket: string): string[] {
  const prefix = `arn:${partition}:s3:::${bucket}/`;
  const samples = new Set([`${prefix}any-object`]);
  for (const statement of statements) {
    for (const node of stringNodes(statement.elements.Resource?.valueNode)) {
      // The prefix has no wildcard or variable: a value that does not start with it never will.
      const text = String(node.value);
      if (text.startsWith(prefix)) {
        samples.add(text.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x'));
      }
    }
  }
  return [...samples];
}

/** Actions that behave alike for a class: covered by the same statements and on the same kind of resource. */
export function actionGroups(statements: readonly PolicyStatement[], candidates: Iterable<S3Action>): S3Action[][] {
  const groups = new Map<string, S3Action[]>();
  const covered = statements.map(coveredActions);
  for (const action of candidates) {
    const signature = `${isObjectAction(action) ? 'o' : 'b'}${covered.map((set) => (set.has(action) ? '1' : '0')).join('')}`;
    const group = groups.get(signature);
    if (group) {
      group.push(action);
    } else {
      groups.set(signature, [action]);
    }
  }
  return [...groups.values()];
}

/** Condition keys that differ between the internet and the networks a policy names. */
export const NETWORK_KEYS: ReadonlySet<string> = new Set(['aws:sourceip', 'aws:sourcevpce', 'aws:sourcevpc', 'aws:sourcevpcarn', 'aws:vpcsourceip']);

/** Keys that differ between classes of requests (the principal's own keys, a service's source); the rest every class sends alike. */
export function isSharedKey(key: string): boolean {
  return !key.startsWith('aws:principal') && !['aws:userid', 'aws:username', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourceowner'].includes(key);
}
