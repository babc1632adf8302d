/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { wildcardRegExp } from '../data/awsData';
import { memoize } from '../data/memoize';
import { memoizePerObject } from '../memoizePerObject';
import { stringNodes } from '../parser/nodeUtils';
import { ACTION_ELEMENTS, PolicyDocument } from '../parser/policyDocument';
import { overlapsSyntaxProblem } from '../parser/syntaxProblemIndex';

/** An action string from an Action or NotAction element, split at its colon. */
export interface ActionToken {
  node: Node;
  value: string;
  /** The text before the first colon, as written. */
  prefix: string;
  /** The text after the first colon, as written (may be empty or hold wildcards). */
  name: string;
  /**
   * Where `name` is in the document. When the string holds escape sequences (so its text and its value
   * differ), the whole string content instead.
   */
  nameRange: { offset: number; length: number };
  /** True when the prefix is `s3` in any case, or a wildcard pattern that matches `s3` (`s*`, `*`). */
  isS3: boolean;
}

/** The shape actionPrefixCase reports as an error: spaces around the prefix, colon or name. */
const SPACED_ACTION = /^\s*[A-Za-z0-9-]+\s*:\s*\S*\s*$/;

/**
 * The action strings of every statement, split into prefix and name, for the action rules. Skips
 * `*`, strings without a colon (callers that care use `actionStrings`), strings actionPrefixCase
 * already reports as broken by spaces, and strings inside a JSON syntax problem, so the rules that
 * use this stay correct on a half-typed document. Computed once per parsed document.
 */
export const actionTokens = memoizePerObject((policy: PolicyDocument): readonly ActionToken[] => {
  const tokens: ActionToken[] = [];
  for (const node of actionStrings(policy)) {
    const token = actionToken(node);
    if (token) {
      tokens.push(token);
    }
  }
  return tokens;
});

/** An action string split at its first colon: what an ActionToken knows from the text alone. */
export interface ActionParts {
  prefix: string;
  name: string;
  isS3: boolean;
}

/**
 * Splits an action string; undefined for strings without a colon and those actionPrefixCase reports
 * as broken by spaces. Memoized by the whole string, the key every rule reading actions has at hand.
 */
export const actionParts = memoize((value: string): ActionParts | undefined => {
  const colon = value.indexOf(':');
  if (colon < 0 || (/\s/.test(value) && SPACED_ACTION.test(value))) {
    return undefined;
  }
  const prefix = value.slice(0, colon);
  return {
    prefix,
    name: value.slice(colon + 1),
    isS3: prefix.toLowerCase() === 's3' || (hasWildcard(prefix) && wildcardRegExp(prefix).test('s3')),
  };
});

/** An action string node with its parts and where its name is; undefined when it splits into none. */
function actionToken(node: Node): ActionToken | undefined {
  const value = String(node.value);
  const parts = actionParts(value);
  if (!parts) {
    return undefined;
  }
  const { prefix, name, isS3 } = parts;
  const plain = node.length === value.length + 2;
  return {
    node,
    value,
    prefix,
    name,
    nameRange: plain ? { offset: node.offset + 2 + prefix.length, length: name.length } : { offset: node.offset + 1, length: node.length - 2 },
    isS3,
  };
}

/** Every string node in Action and NotAction other than `*`, outside syntax problems; computed once per parsed document. */
export const actionStrings = memoizePerObject((policy: PolicyDocument): readonly Node[] => {
  const strings: Node[] = [];
  for (const statement of policy.statements) {
    for (const element of ACTION_ELEMENTS) {
      for (const node of stringNodes(statement.elements[element]?.valueNode)) {
        if (node.value === '*' || overlapsSyntaxProblem(policy, node)) {
          continue;
        }
        strings.push(node);
      }
    }
  }
  return strings;
});

/** True when the action name part holds a wildcard. */
export function hasWildcard(text: string): boolean {
  // Two searches for one character each: half the time of /[*?]/.test on the strings of a policy.
  return text.includes('*') || text.includes('?');
}
