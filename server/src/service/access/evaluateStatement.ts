/* S3 Bucket Policy — MIT License. */
/**
 * Whether one statement applies to a request: its Principal (bucket policies only), Action or
 * NotAction, Resource or NotResource, and Condition, in that order, stopping at the first element
 * that does not match. IAM-ACTION, IAM-NOTACTION, IAM-RESOURCE, IAM-NOTRESOURCE; EVALUATION-FACTS §2.4, §2.5.
 */
import type { Node } from 'jsonc-parser';
import { conditionEntries } from '../conditionEntries';
import { wildcardRegExp } from '../data/awsData';
import { stringNodes, stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { CURRENT_POLICY_VERSION } from '../policyVersions';
import { evaluateEntry } from './conditionEvaluation';
import { matchPrincipal } from './principalMatch';
import { compilePattern, likePattern, matchesPattern } from './patterns';
import type { RequestContext } from './requestContext';
import type { AccessRequest, StatementExplanation, TestedElement, Truth } from './types';

/** What a statement is evaluated against. */
export interface StatementInputs {
  request: AccessRequest;
  context: RequestContext;
  /** `bucket` reads the Principal; an identity policy has none. */
  policy: 'bucket' | number;
  /** Policy variables are read only under Version 2012-10-17 (IAM-VERSION). */
  variables: boolean;
  isUnknown: ((node: Node) => boolean) | undefined;
}

/** True when the policy's Version expands policy variables. */
export function readsVariables(policy: PolicyDocument): boolean {
  return stringValue(policy.topMembers.get('Version')?.valueNode) === CURRENT_POLICY_VERSION;
}

/** And over three-valued truths. */
export function and(a: Truth, b: Truth): Truth {
  return a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
}

/** Or over three-valued truths. */
export function or(a: Truth, b: Truth): Truth {
  return a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';
}

/** A list element (Action, Resource, …): yes when some item matches, maybe when an unknown item might. */
function anyItem(node: Node | undefined, isUnknown: ((node: Node) => boolean) | undefined, test: (value: string) => boolean): Truth {
  let result: Truth = 'no';
  for (const item of stringNodes(node)) {
    if (isUnknown?.(item)) {
      result = 'maybe';
    } else if (test(String(item.value))) {
      return 'yes';
    }
  }
  return node && isUnknown?.(node) ? 'maybe' : result;
}

function not(truth: Truth): Truth {
  return truth === 'yes' ? 'no' : truth === 'no' ? 'yes' : 'maybe';
}

/** True when a Resource pattern matches the request's resource: case-sensitive, variables per Version. */
function resourceMatches(pattern: string, inputs: Pick<StatementInputs, 'request' | 'context' | 'variables'>): boolean {
  const compiled = inputs.variables && pattern.includes('${')
    ? compilePattern(pattern, { wildcards: true, variables: true, ignoreCase: false }, inputs.context)
    : likePattern(pattern);
  return matchesPattern(compiled, inputs.request.resource);
}

function coverWords(truth: Truth): string {
  return truth === 'yes' ? 'covers' : truth === 'no' ? 'does not cover' : 'may cover';
}

/** Whether a statement's Action (or NotAction) covers an action: case-insensitive, with wildcards. */
export function actionTruth(statement: PolicyStatement, action: string, isUnknown: ((node: Node) => boolean) | undefined): Truth {
  const { NotAction, Action } = statement.elements;
  const test = (pattern: string) => wildcardRegExp(pattern).test(action);
  return NotAction ? not(anyItem(NotAction.valueNode, isUnknown, test)) : anyItem(Action?.valueNode, isUnknown, test);
}

/** Whether a statement's Resource (or NotResource) covers the request's resource: case-sensitive, variables per Version. */
export function resourceTruth(statement: PolicyStatement, inputs: Pick<StatementInputs, 'request' | 'context' | 'variables' | 'isUnknown'>): Truth {
  const { NotResource, Resource } = statement.elements;
  const test = (pattern: string) => resourceMatches(pattern, inputs);
  return NotResource ? not(anyItem(NotResource.valueNode, inputs.isUnknown, test)) : anyItem(Resource?.valueNode, inputs.isUnknown, test);
}

/** Evaluates one statement against a request. */
export function evaluateStatement(statement: PolicyStatement, inputs: StatementInputs): StatementExplanation {
  const { elements } = statement;
  const effectValue = stringValue(elements.Effect?.valueNode);
  const effect = effectValue === 'Allow' || effectValue === 'Deny' ? effectValue : undefined;
  const result: StatementExplanation = {
    policy: inputs.policy, index: statement.index, sid: stringValue(elements.Sid?.valueNode), effect,
    range: { offset: statement.node.offset, length: statement.node.length },
    applies: 'yes', principalMatch: 'direct', reasons: [], conditions: [],
  };
  const fail = (element: TestedElement, truth: Truth, reason: string): StatementExplanation => {
    result.reasons.push(reason);
    result.applies = and(result.applies, truth);
    if (truth !== 'yes' && result.failedElement === undefined) {
      result.failedElement = element;
    }
    return result;
  };
  if (effect === undefined) {
    return fail('Effect', 'no', 'the statement has no valid Effect (Allow or Deny)');
  }
  if (inputs.policy === 'bucket') {
    const principal = matchPrincipal(statement, inputs.request.principal, inputs.isUnknown, effect === 'Deny');
    result.principalMatch = principal.match;
    if (fail(elements.NotPrincipal ? 'NotPrincipal' : 'Principal', principal.applies, principal.reason).applies === 'no') {
      return result;
    }
  }
  const truthOfAction = actionTruth(statement, inputs.request.action, inputs.isUnknown);
  if (fail(elements.NotAction ? 'NotAction' : 'Action', truthOfAction, `${elements.NotAction ? 'NotAction' : 'Action'} ${coverWords(truthOfAction)} ${inputs.request.action}`).applies === 'no') {
    return result;
  }
  const truthOfResource = resourceTruth(statement, inputs);
  if (fail(elements.NotResource ? 'NotResource' : 'Resource', truthOfResource, `${elements.NotResource ? 'NotResource' : 'Resource'} ${coverWords(truthOfResource)} ${inputs.request.resource}`).applies === 'no') {
    return result;
  }
  for (const entry of conditionEntries(statement)) {
    const condition = evaluateEntry(entry, inputs);
    result.conditions.push(condition);
    if (fail('Condition', condition.result, condition.reason).applies === 'no') {
      return result;
    }
  }
  return result;
}
