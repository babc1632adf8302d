/* S3 Bucket Policy — MIT License. */
/**
 * Which condition keys S3 sends with which actions, per the AWS data, and whether a statement's
 * actions send a key at all: for the rules on condition keys that none of a statement's actions
 * supports (`unsupportedActionForConditionKey`, `unsupportedTagConditionKey`).
 */
import { findS3ResourceType, matchS3Actions, S3Action, s3Actions } from '../data/awsData';
import { memoize } from '../data/memoize';
import { memoizePerObject } from '../memoizePerObject';
import { stringNodes } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
import { grantedActions } from '../statementAccess';

/**
 * The condition keys (lowercased, as the data writes them) whose values an action's requests carry:
 * those listed for the action and those of the resource types it applies to.
 */
export const supportedKeys = memoizePerObject((action: S3Action): ReadonlySet<string> => new Set([
  ...action.conditionKeys,
  ...action.resourceTypes.flatMap((type) => findS3ResourceType(type.name)?.conditionKeys ?? []),
].map((key) => key.toLowerCase())));

/** The S3 actions that support a key (lowercased name, as the data writes it). */
export const s3ActionsSupporting = memoize((name: string): ReadonlySet<S3Action> => new Set(s3Actions().filter((action) => supportedKeys(action).has(name))));

/**
 * The S3 actions of a statement, action patterns first: the actions each of its Action patterns
 * matches (several lists, as matched and memoized, not merged), or the one list of every S3 action
 * its NotAction leaves out. Computed once per statement.
 */
const actionLists = memoizePerObject((statement: PolicyStatement): (readonly S3Action[])[] => (statement.elements.NotAction !== undefined
  ? [grantedActions(statement)]
  : stringNodes(statement.elements.Action?.valueNode).map((node) => matchS3Actions(String(node.value)))));

/**
 * The S3 actions of a statement when none of them supports a key (lowercased name, as the data
 * writes it); undefined when one of them does, or when the statement has no S3 action at all. A
 * wildcard or NotAction counts as supporting the key when any action it covers does.
 */
export function actionsWithoutKey(statement: PolicyStatement, name: string): readonly S3Action[] | undefined {
  const lists = actionLists(statement);
  const supporting = s3ActionsSupporting(name);
  if (lists.every((list) => list.length === 0) || lists.some((list) => list.some((action) => supporting.has(action)))) {
    return undefined;
  }
  return [...new Set(lists.flat())];
}

/** A few action names for a message: `s3:ListBucket, s3:ListBucketVersions`, with "…" when there are more. */
export function actionNames(actions: readonly S3Action[], max = 3): string {
  return actions.slice(0, max).map((action) => `s3:${action.name}`).join(', ') + (actions.length > max ? ', …' : '');
}
