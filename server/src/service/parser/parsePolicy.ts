/* S3 Bucket Policy — MIT License. */
import { Node, ParseError, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Member, PolicyDocument, PolicyStatement, SyntaxProblem } from './policyDocument';

const PLAIN_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character. S3 accepts strict JSON only: double-quoted strings and no comments.',
  [ParseErrorCode.InvalidCommentToken]: 'Comments are not allowed: S3 accepts strict JSON only. Remove the comment (use a "Sid" to label a statement).',
  [ParseErrorCode.PropertyNameExpected]: 'A property name in double quotes is expected here.',
  [ParseErrorCode.ValueExpected]: 'A value is expected here.',
  [ParseErrorCode.ColonExpected]: 'A colon is expected after the property name.',
  [ParseErrorCode.CommaExpected]: 'A comma is expected between elements.',
  [ParseErrorCode.CloseBraceExpected]: 'A closing brace "}" is expected.',
  [ParseErrorCode.CloseBracketExpected]: 'A closing bracket "]" is expected.',
  [ParseErrorCode.EndOfFileExpected]: 'Unexpected text after the end of the policy.',
  [ParseErrorCode.UnexpectedEndOfString]: 'The string is not closed: a double quote is missing.',
  [ParseErrorCode.UnexpectedEndOfComment]: 'The comment is not closed; S3 does not accept comments at all.',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape sequence in the string.',
  [ParseErrorCode.InvalidCharacter]: 'Invalid character in the string (control characters must be escaped).',
};

/** Finds the members of an object node, in document order. */
export function objectMembers(node: Node | undefined): Member[] {
  if (!node || node.type !== 'object' || !node.children) {
    return [];
  }
  const members: Member[] = [];
  for (const property of node.children) {
    const keyNode = property.children?.[0];
    if (!keyNode || keyNode.type !== 'string') {
      continue;
    }
    members.push({ name: String(keyNode.value), keyNode, valueNode: property.children?.[1] });
  }
  return members;
}

function memberMap(node: Node | undefined): Map<string, Member> {
  const map = new Map<string, Member>();
  for (const member of objectMembers(node)) {
    map.set(member.name, member);
  }
  return map;
}

function isCloseAfterComma(text: string, error: ParseError): boolean {
  return (error.error === ParseErrorCode.PropertyNameExpected || error.error === ParseErrorCode.ValueExpected)
    && /^\s*[}\]]/.test(text.slice(error.offset, error.offset + 200))
    && /,\s*$/.test(text.slice(Math.max(0, error.offset - 200), error.offset));
}

/**
 * Parses policy text into the typed model. Never throws: broken text yields a partial tree and
 * syntax problems. Comments and trailing commas are reported (S3 rejects them), and marked
 * `strictOnly` when they appear in a form VS Code's `json` mode does not already flag itself.
 */
export function parsePolicy(text: string): PolicyDocument {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  const syntaxProblems: SyntaxProblem[] = [];
  const reportedCommas = new Set<number>();
  for (const error of errors) {
    if (isCloseAfterComma(text, error)) {
      const comma = text.lastIndexOf(',', error.offset);
      if (!reportedCommas.has(comma)) {
        reportedCommas.add(comma);
        syntaxProblems.push({ offset: comma, length: 1, message: 'Trailing comma: S3 accepts strict JSON only. Remove this comma.', strictOnly: true });
      }
      continue;
    }
    syntaxProblems.push({
      offset: error.offset,
      length: Math.max(error.length, 1),
      message: PLAIN_MESSAGES[error.error] ?? `JSON syntax error: ${printParseErrorCode(error.error)}.`,
      strictOnly: error.error === ParseErrorCode.InvalidCommentToken,
    });
  }
  syntaxProblems.sort((a, b) => a.offset - b.offset);

  const topMembers = memberMap(root);
  const statementNode = topMembers.get('Statement')?.valueNode;
  const statements: PolicyStatement[] = [];
  if (statementNode?.type === 'object') {
    statements.push({ index: 0, node: statementNode, members: memberMap(statementNode) });
  } else if (statementNode?.type === 'array') {
    (statementNode.children ?? []).forEach((child, index) => {
      if (child.type === 'object') {
        statements.push({ index, node: child, members: memberMap(child) });
      }
    });
  }
  return { text, root, syntaxProblems, topMembers, statementNode, statements };
}
