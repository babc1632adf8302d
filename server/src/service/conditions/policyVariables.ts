/* S3 Bucket Policy — MIT License. */
/**
 * Finding IAM policy variables in a string: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`
 * and the escapes `${*}`, `${?}`, `${$}`, with what is wrong with each one's syntax. Only text that
 * is meant as a policy variable counts: a name starting with `aws:` or `s3:`, an escape, or nothing
 * at all. Other `${…}` (`${BucketName}`, `${AWS::AccountId}`) is template text, the placeholder
 * rule's to report.
 */

/** What is wrong with a variable's syntax (Access Analyzer's names in brackets). */
export type VariableSyntaxProblem =
  /** `${aws:username` ("Missing brace in variable"). */
  | 'missingBrace'
  /** `${ aws:username }` ("Unsupported space in variable"). */
  | 'space'
  /** `${}` ("Empty variable"). */
  | 'empty'
  /** `${aws:username, anonymous}` ("Missing quote in variable"). */
  | 'unquotedDefault';

/** One policy variable in a string. */
export interface PolicyVariable {
  /** Offset of `${` in the string value. */
  index: number;
  /** The variable as written, `${` to `}` (to the end of the string when the brace is missing). */
  text: string;
  /** The name, without spaces: `aws:username`, `*`; empty for `${}`. */
  name: string;
  problem?: VariableSyntaxProblem;
  /** The variable written correctly, when the repair is mechanical. */
  repaired?: string;
}

const ESCAPES = new Set(['*', '?', '$']);

/** True when the start of a variable's content shows it is meant as a policy variable. */
function isPolicyVariableName(name: string): boolean {
  return ESCAPES.has(name) || /^(aws|s3):(?!:)/i.test(name);
}

/**
 * The text of a variable that lacks its closing brace, with the brace put after the longest known
 * key name the text starts with (or after an escape character); undefined when there is none.
 */
function closeBrace(content: string, knownNames: readonly string[]): string | undefined {
  const lower = content.toLowerCase();
  const candidates = [...knownNames, ...ESCAPES].filter((candidate) => lower.startsWith(candidate.toLowerCase()) && !/[A-Za-z0-9]/.test(content.charAt(candidate.length)));
  const length = Math.max(...candidates.map((candidate) => candidate.length));
  return candidates.length === 0 ? undefined : `\${${content.slice(0, length)}}${content.slice(length)}`;
}

/** Reads the content between `${` and `}`: the name, an optional default value, and what is wrong. */
function readContent(content: string): Pick<PolicyVariable, 'name' | 'problem' | 'repaired'> | undefined {
  const comma = content.indexOf(',');
  const rawName = comma < 0 ? content : content.slice(0, comma);
  const name = rawName.replace(/\s+/g, '');
  if (name === '' && comma < 0) {
    return { name, problem: 'empty' };
  }
  if (!isPolicyVariableName(name)) {
    return undefined;
  }
  if (comma < 0) {
    return rawName === name ? { name } : { name, problem: 'space', repaired: `\${${name}}` };
  }
  const rawDefault = content.slice(comma + 1);
  const core = rawDefault.trim();
  const quoted = /^'[^']*'$/.test(core);
  const repaired = `\${${name}, ${quoted ? core : `'${core.replace(/^'|'$/g, '')}'`}}`;
  if (rawName !== name) {
    return { name, problem: 'space', repaired };
  }
  if (!quoted) {
    return { name, problem: 'unquotedDefault', repaired };
  }
  return rawDefault.trimEnd() === rawDefault ? { name } : { name, problem: 'space', repaired };
}

/** More variables than this in one string are not read: no policy has them, and each finding copies the string for its fix. */
const MAX_VARIABLES = 100;

/**
 * The policy variables of a string value, in order (at most MAX_VARIABLES). `knownNames` are the
 * condition key names a variable may name; they place the closing brace when it is missing.
 */
export function findPolicyVariables(value: string, knownNames: readonly string[]): PolicyVariable[] {
  const variables: PolicyVariable[] = [];
  let start = value.indexOf('${');
  let close = -2;
  while (start >= 0 && variables.length < MAX_VARIABLES) {
    if (close !== -1 && close < start + 2) {
      close = value.indexOf('}', start + 2);
    }
    const nextOpen = value.indexOf('${', start + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const end = nextOpen >= 0 ? nextOpen : value.length;
      const content = value.slice(start + 2, end);
      if (ESCAPES.has(content.charAt(0)) || /^(aws|s3):(?!:)/i.test(content)) {
        const name = /^[^\s,'}]*/.exec(content)?.[0] ?? '';
        variables.push({ index: start, text: value.slice(start, end), name, problem: 'missingBrace', repaired: closeBrace(content, knownNames) });
      }
      start = nextOpen;
      continue;
    }
    const read = readContent(value.slice(start + 2, close));
    if (read) {
      variables.push({ index: start, text: value.slice(start, close + 1), ...read });
    }
    start = value.indexOf('${', close + 1);
  }
  return variables;
}

/** The string with the variable replaced by its repaired form. */
export function repairVariable(value: string, variable: PolicyVariable): string {
  return variable.repaired === undefined ? value : value.slice(0, variable.index) + variable.repaired + value.slice(variable.index + variable.text.length);
}

/** The string without its policy variables, for looking at the literal text around them (wildcards, formats). */
export function withoutVariables(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, '');
}
