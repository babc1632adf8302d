/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { matchS3Actions, S3Action } from '../data/awsData';
import { resourceTypesMatching } from '../data/resourceTypeMatching';
import { appendToArrayOrWrap } from '../edits/jsonEdits';
import { stringNodes, stringValue } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
import type { OffsetEdit, PolicyFix } from '../policyLanguageTypes';
import { actionParts, hasWildcard } from './actionParts';
import type { Rule, RuleContext } from './rule';

const S3_ARN = /^arn:([^:]*):s3:::([^/]+)(\/.*)?$/;

/** How a resource type reads in a message. */
function describeType(name: string): string {
  if (name === 'bucket') {
    return 'the bucket ARN (arn:aws:s3:::BUCKET)';
  }
  if (name === 'object') {
    return 'object ARNs (arn:aws:s3:::BUCKET/KEY)';
  }
  return `${name} ARNs`;
}

/** What the statement's Resource covers, in words. */
function describeListed(listed: readonly string[]): string {
  if (listed.length === 1 && listed[0] === 'object') {
    return 'only objects';
  }
  if (listed.length === 1 && listed[0] === 'bucket') {
    return 'only the bucket itself';
  }
  return `only ${listed.map((name) => `${name} ARNs`).join(', ')}`;
}

/** The ARNs to add so that `typeName` is covered, derived from the listed ARNs: the bucket from `bucket/*`, `bucket/*` from the bucket. */
function missingArns(typeName: string, resources: string[]): string[] {
  const arns = new Set<string>();
  for (const resource of resources) {
    const match = S3_ARN.exec(resource);
    if (!match) {
      continue;
    }
    const [, partition, bucket, path] = match;
    if (typeName === 'bucket' && path !== undefined) {
      arns.add(`arn:${partition}:s3:::${bucket}`);
    } else if (typeName === 'object' && path === undefined) {
      arns.add(`arn:${partition}:s3:::${bucket}/*`);
    }
  }
  return [...arns].filter((arn) => !resources.includes(arn));
}

/** The resource types a mismatched action needs that a bucket policy can list, bucket and object first. */
function neededTypes(actions: readonly S3Action[]): string[] {
  const names = new Set(actions.flatMap((action) => action.resourceTypes.map((type) => type.name)));
  const s3Types = ['bucket', 'object'].filter((name) => names.has(name));
  return s3Types.length > 0 ? s3Types : [...names];
}

function checkStatement(context: RuleContext, statement: PolicyStatement): void {
  const actionNode = statement.elements.Action?.valueNode;
  const resourceNode = statement.elements.Resource?.valueNode;
  if (!actionNode || !resourceNode || statement.elements.NotResource) {
    return;
  }
  const resourceStrings = stringNodes(resourceNode);
  if (resourceStrings.length === 0 || (resourceNode.type === 'array' && resourceStrings.length !== resourceNode.children?.length)) {
    return;
  }
  // The resource type names the statement's resources cover: one or two, so a list.
  const listed: string[] = [];
  for (const node of resourceStrings) {
    const resource = String(node.value);
    const types = resourceTypesMatching(resource);
    if (resource === '*' || types.length === 0) {
      return;
    }
    for (const type of types) {
      if (!listed.includes(type.name)) {
        listed.push(type.name);
      }
    }
  }
  // What a finding needs to know about the statement, gathered at the first finding (most statements have none).
  let resources: StatementResources | undefined;
  for (const node of stringNodes(actionNode)) {
    const value = String(node.value);
    const parts = value === '*' ? undefined : actionParts(value);
    if (!parts?.isS3 || parts.name.length === 0) {
      continue;
    }
    const actions = matchS3Actions(parts.name);
    if (actions.length === 0 || actions.some((action) => action.resourceTypes.some((type) => listed.includes(type.name)))) {
      continue;
    }
    resources ??= statementResources(context.policy.text, statement, resourceNode, resourceStrings, listed);
    report(context, node, value, actions, resources);
  }
}

function statementResources(text: string, statement: PolicyStatement, resourceNode: Node, resourceStrings: readonly Node[], listed: string[]): StatementResources {
  const additions = new Map<string, OffsetEdit[]>();
  return {
    listed,
    resources: resourceStrings.map((node) => String(node.value)),
    addArn: (arn) => additions.get(arn) ?? additions.set(arn, appendToArrayOrWrap(text, resourceNode, arn)).get(arn)!,
    isDeny: stringValue(statement.elements.Effect?.valueNode) === 'Deny',
  };
}

interface StatementResources {
  listed: string[];
  resources: string[];
  /** The edits that add an ARN to the statement's Resource (computed once per ARN, when first asked for). */
  addArn: (arn: string) => OffsetEdit[];
  isDeny: boolean;
}

function report(context: RuleContext, node: Node, value: string, actions: readonly S3Action[], statement: StatementResources): void {
  const plural = hasWildcard(value) && actions.length > 1;
  const subject = plural ? `The ${actions.length} actions that "${value}" matches` : hasWildcard(value) ? `"${value}" (s3:${actions[0].name})` : `"${value}"`;
  const needed = neededTypes(actions);
  if (needed.length === 0) {
    context.report(node, `${subject} ${plural ? 'are' : 'is'} tied to no bucket or object: ${plural ? 'they are' : 'it is'} authorised only with "Resource": "*", which a bucket policy cannot grant, so it has no effect here. Remove it or grant it in an IAM policy.`);
    return;
  }
  const arns = needed.flatMap((type) => missingArns(type, statement.resources));
  // Adding an ARN to an Allow widens what it grants: let fix-all do it only for read and list actions.
  const safe = statement.isDeny || actions.every((action) => action.accessLevel === 'Read' || action.accessLevel === 'List');
  // The edits are computed on first read: most findings are shown, not fixed, and laying out an
  // insertion reads the whole document's indentation.
  const fixes: PolicyFix[] = arns.map((arn) => ({
    title: `Add "${arn}" to Resource`,
    isPreferred: safe && arns.length === 1,
    get edits() {
      return statement.addArn(arn);
    },
  }));
  const advice = arns.length > 0 ? ` Add ${arns.map((arn) => `"${arn}"`).join(' and ')} to Resource, or use an action that applies to what is listed.` : '';
  context.report(node, `${subject} ${plural ? 'apply' : 'applies'} to ${needed.map(describeType).join(' or ')}, but this statement's Resource lists ${describeListed(statement.listed)}, so it has no effect here.${advice}`, { fixes });
}

/**
 * An action that applies to none of its statement's resources, so it grants or denies nothing:
 * `s3:ListBucket` on `bucket/*`, `s3:GetObject` on the bucket ARN only, `s3:DeleteBucket` on objects.
 * A wildcard action passes when any action it matches applies. Statements with `"Resource": "*"`,
 * NotResource, or a resource that is not a recognisable S3 ARN are skipped. The fix adds the ARN the
 * action needs, derived from the listed one.
 */
export const actionResourceMismatch: Rule = {
  id: 'actionResourceMismatch',
  defaultSeverity: 'warning',
  description: 'An action applies to none of the statement\'s resources (s3:ListBucket on bucket/*, s3:GetObject on the bucket ARN).',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      checkStatement(context, statement);
    }
  },
};
