/* S3 Bucket Policy — MIT License. */
/**
 * Evaluating a statement's Condition against a request context: every operator family with
 * IfExists, Null, ForAllValues:/ForAnyValue:, keys absent from the request and policy variables.
 * Operators AND together, keys AND together, the values of one key OR together (negated operators:
 * none may match). IAM-OPS, IAM-MULTI, IAM-SETOPS, IAM-VARS; EVALUATION-FACTS §2.6–§2.9.
 */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry } from '../conditionEntries';
import { isNegated, operatorFamily, OperatorFamily } from '../conditions/keyOperators';
import { isNumberText } from '../conditions/valueFormats';
import { ipInBlock } from './ipMatch';
import { compilePattern, likePattern, matchesPattern } from './patterns';
import type { RequestContext } from './requestContext';
import type { ConditionExplanation, Truth } from './types';

/** What the condition evaluation needs besides the entry. */
export interface ConditionInputs {
  context: RequestContext;
  /** Policy variables are read only under Version 2012-10-17. */
  variables: boolean;
  isUnknown: ((node: Node) => boolean) | undefined;
}

/** The positive test of one request value against one policy value, per family; undefined when a side cannot be read. */
type Predicate = (requestValue: string, policyValue: string) => boolean | undefined;

function numberOf(text: string): number | undefined {
  return isNumberText(text.trim()) ? Number(text.trim()) : undefined;
}

/** A date as milliseconds since 1970: all digits are epoch seconds, anything else ISO 8601. */
function instantOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function compare(a: number | undefined, b: number | undefined, test: (a: number, b: number) => boolean): boolean | undefined {
  return a === undefined || b === undefined ? undefined : test(a, b);
}

const ORDER: Record<string, (a: number, b: number) => boolean> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
};

/** The six colon-separated parts of an ARN: the last one keeps any further colons. */
function arnParts(value: string): string[] | undefined {
  const parts = value.split(':');
  return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** ArnEquals/ArnLike: each of the six parts matched on its own, case-sensitively, with `*` and `?` (Equals and Like alike). */
function arnMatches(requestValue: string, policyValue: string): boolean {
  if (policyValue === '*') {
    return true;
  }
  const request = arnParts(requestValue);
  const policy = arnParts(policyValue);
  return request !== undefined && policy !== undefined
    && policy.every((part, index) => matchesPattern(likePattern(part), request[index]));
}

/** The positive predicate of a base operator (NotEquals → Equals): what "matches" means for that family. */
function predicateOf(family: OperatorFamily, baseOperator: string): Predicate {
  switch (family) {
    case 'String':
      if (baseOperator.includes('IgnoreCase')) {
        return (request, policy) => request.toLowerCase() === policy.toLowerCase();
      }
      return baseOperator.includes('Like')
        ? (request, policy) => matchesPattern(likePattern(policy), request)
        : (request, policy) => request === policy;
    case 'Numeric':
      return (request, policy) => compare(numberOf(request), numberOf(policy), ORDER[baseOperator.slice('Numeric'.length)]);
    case 'Date':
      return (request, policy) => compare(instantOf(request), instantOf(policy), ORDER[baseOperator.slice('Date'.length)]);
    case 'Bool':
      return (request, policy) => request.toLowerCase() === policy.toLowerCase();
    case 'Binary':
      // Request values of binary keys are given base64-encoded, as the policy writes them.
      return (request, policy) => request === policy;
    case 'IpAddress':
      return (request, policy) => ipInBlock(request, policy);
    case 'Arn':
      return arnMatches;
    case 'Null':
      return () => false;
  }
}

/** The text of a scalar value node: JSON `false` and `10` read as "false" and "10" (quotes are optional). */
function textOf(node: Node): string {
  return String(node.value);
}

/** The test of one request value against one policy value; undefined when a side cannot be read. */
type ValueTest = (requestValue: string) => boolean | undefined;

/**
 * One test per policy value, with policy variables replaced (String and ARN families only,
 * IAM-VARS). A variable without a value (and no default) drops its value: it matches nothing. A
 * replaced value and the escapes `${*}`, `${?}`, `${$}` are literal text, also in a Like pattern
 * (whether AWS reads wildcards in a replaced value is undocumented [?]).
 */
function valueTests(entry: ConditionEntry, family: OperatorFamily, predicate: Predicate, inputs: ConditionInputs): ValueTest[] {
  const variables = inputs.variables && (family === 'String' || family === 'Arn');
  const like = family === 'String' && entry.baseOperator.includes('Like');
  const tests: ValueTest[] = [];
  for (const node of entry.values) {
    const text = textOf(node);
    if (!variables || !text.includes('${')) {
      tests.push((requestValue) => predicate(requestValue, text));
      continue;
    }
    const compiled = compilePattern(text, { wildcards: like, variables: true, ignoreCase: false }, inputs.context);
    if ('missingVariable' in compiled) {
      continue;
    }
    const literal = compiled.pieces.join('');
    tests.push(like ? (requestValue) => matchesPattern(compiled, requestValue) : (requestValue) => predicate(requestValue, literal));
  }
  return tests;
}

/** How one entry's truth is explained, in words. */
function explain(entry: ConditionEntry, result: Truth, why: string, requestValues: readonly string[] | undefined, node: Node): ConditionExplanation {
  return { operator: entry.operator, key: entry.key, requestValues, result, reason: `${entry.operator} on ${entry.key}: ${why}`, range: { offset: node.offset, length: node.length } };
}

/** Evaluates one condition entry (one operator, one key). */
export function evaluateEntry(entry: ConditionEntry, inputs: ConditionInputs): ConditionExplanation {
  const range = entry.keyNode;
  const requestValues = inputs.context.get(entry.lowerKey);
  const absent = requestValues === undefined;
  const unknown = inputs.isUnknown && (entry.valueNode && inputs.isUnknown(entry.valueNode) || entry.values.some((node) => inputs.isUnknown!(node)));
  const family = operatorFamily(entry.baseOperator);
  // On an absent key, an operator other than Null is true or false whatever its values: a value the host computes does not matter.
  if (unknown && !(absent && family !== undefined && family !== 'Null')) {
    return explain(entry, 'maybe', 'its value is not known here', requestValues, range);
  }
  if (family === undefined) {
    return explain(entry, 'maybe', `${entry.baseOperator} is not a condition operator (S3 rejects the policy)`, requestValues, range);
  }
  if (family === 'Null') {
    const wanted = entry.values.map((node) => textOf(node).toLowerCase());
    const holds = wanted.some((value) => (value === 'true' ? absent : value === 'false' ? !absent : false));
    return explain(entry, holds ? 'yes' : 'no', `the key is ${absent ? 'absent' : 'present'}, and Null ${wanted.join('/')} asks for it to be ${wanted.includes('true') ? 'absent' : 'present'}`, requestValues, range);
  }
  const negated = isNegated(entry.baseOperator);
  if (absent) {
    if (entry.ifExists) {
      return explain(entry, 'yes', 'the key is absent, and IfExists makes that true', requestValues, range);
    }
    if (entry.qualifier) {
      const holds = entry.qualifier === 'ForAllValues';
      return explain(entry, holds ? 'yes' : 'no', `the key is absent, and ${entry.qualifier} is ${holds ? 'true' : 'false'} on an absent key`, requestValues, range);
    }
    return explain(entry, negated ? 'yes' : 'no', `the key is absent, so ${negated ? 'the negated operator is true' : 'it does not match'}`, requestValues, range);
  }
  const predicate = predicateOf(family, entry.baseOperator);
  const tests = valueTests(entry, family, predicate, inputs);
  const matches = (requestValue: string): boolean => tests.some((test) => test(requestValue) === true);
  const shown = requestValues.length === 1 ? `"${requestValues[0]}"` : `[${requestValues.map((value) => `"${value}"`).join(', ')}]`;
  let holds: boolean;
  if (entry.qualifier === 'ForAllValues') {
    holds = requestValues.every((value) => (negated ? !matches(value) : matches(value)));
  } else if (entry.qualifier === 'ForAnyValue') {
    holds = requestValues.some((value) => (negated ? !matches(value) : matches(value)));
  } else {
    const some = requestValues.some(matches);
    holds = negated ? !some : some;
  }
  const verb = negated ? (holds ? 'matches none of the values' : 'matches a listed value') : (holds ? 'matches' : 'matches none of the values');
  return explain(entry, holds ? 'yes' : 'no', `the request has ${shown}, which ${verb}`, requestValues, range);
}
