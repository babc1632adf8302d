/* S3 Bucket Policy — MIT License. */
import { detectTextStyle } from '../edits/jsonEdits';
import type { PolicyDocument } from '../parser/policyDocument';
import type { OffsetEdit, PolicyFinding, PolicyFix, PolicyLintSettings, RuleSeverity } from '../policyLanguageTypes';
import { jsonSyntax } from '../rules/jsonSyntax';
import { notAPolicy } from '../rules/notAPolicy';
import { placeholder } from '../rules/placeholder';
import type { Rule } from '../rules/rule';
import { smartQuotes } from '../rules/smartQuotes';
import { mapEdit, mapFindingRange } from './offsetMap';
import { PastedReading, pastedReading, Wrapping } from './pastedReading';
import { combinedFixEdits, RepairForm, SyntaxRepair } from './syntaxRepairs';

/** The rules that report syntax: their findings on the original stand; every other finding comes from the repaired reading. */
const SYNTAX_RULES = new Set([jsonSyntax.id, smartQuotes.id]);

const FIX_ALL_SYNTAX_TITLE = 'Fix all syntax problems';
const WRAP_TITLE = 'Wrap in a bucket policy';

/** What a repair the parser does not report itself says, and its own fix. Typographic quotes are `smartQuotes`' to report. */
const REPAIR_TEXTS: Record<Exclude<RepairForm, 'typographicQuote'>, { message: string; fixTitle: string; strictOnly: boolean }> = {
  hashComment: { message: '"#" starts no comment in JSON, and S3 accepts strict JSON only. Remove the comment (use a "Sid" to label a statement).', fixTitle: 'Remove the comment', strictOnly: false },
  template: { message: 'A template expression stands where a JSON value belongs: S3 accepts strict JSON only. Substitute the value before uploading; the policy is checked as if it were the string it would be in quotes.', fixTitle: 'Put the template expression in quotes', strictOnly: false },
  comment: { message: 'Comments are not allowed: S3 accepts strict JSON only. Remove the comment (use a "Sid" to label a statement).', fixTitle: 'Remove the comment', strictOnly: true },
  singleQuotes: { message: 'Single quotes are not JSON quotes: S3 accepts strict JSON only. Use double quotes.', fixTitle: 'Use double quotes', strictOnly: false },
  trailingComma: { message: 'Trailing comma: S3 accepts strict JSON only. Remove this comma.', fixTitle: 'Remove the trailing comma', strictOnly: false },
  byteOrderMark: { message: 'The file starts with a byte order mark (BOM), which S3 does not accept. Save it as UTF-8 without BOM.', fixTitle: 'Remove the byte order mark', strictOnly: true },
};

const WRAP_MESSAGES: Record<Exclude<Wrapping, 'none'>, string> = {
  statement: 'This file holds a single statement, not a policy. Wrap it: {"Version": "2012-10-17", "Statement": [ …this statement… ]}. It is checked here as that policy.',
  statements: 'This file holds a list of statements, not a policy. Wrap it: {"Version": "2012-10-17", "Statement": [ …these statements… ]}. It is checked here as that policy.',
  members: 'These are the members of a policy without the braces around them: S3 needs a JSON object. Wrap them in { }. They are checked here as that policy.',
  statementMembers: 'These are elements of a statement pasted with their keys, not a policy. Wrap them: {"Version": "2012-10-17", "Statement": [{ …these elements… }]}, and add what the statement lacks. They are checked here as that statement.',
};

/** The severity a rule reports at under these settings, or undefined when it is off. */
function severityOf(rule: Rule, settings: PolicyLintSettings): RuleSeverity | undefined {
  const configured = settings.rules[rule.id];
  return configured === 'off' ? undefined : configured ?? rule.defaultSeverity;
}

/**
 * One fix for every syntax repair. Left out where a finding's own fix already is that fix, unless
 * `always`: for typographic quotes alone (`smartQuotes` fixes them all), and for a single repair
 * in a document that is otherwise whole (its own fix; a comment there stays the user's choice).
 */
function syntaxFixOf(reading: PastedReading, always = false): PolicyFix | undefined {
  const { repairs } = reading;
  const ownFixSuffices = repairs.every((repair) => repair.form === 'typographicQuote') || (repairs.length === 1 && !reading.broken);
  if (repairs.length === 0 || (!always && ownFixSuffices)) {
    return undefined;
  }
  return { title: FIX_ALL_SYNTAX_TITLE, isPreferred: reading.broken, edits: combinedFixEdits(repairs) };
}

/**
 * The edits that put the original text inside the policy the reading wrapped it in, laid out in
 * the document's style: the text's lines indented to their new depth, nothing else touched.
 */
function wrapEdits(text: string, wrapping: Exclude<Wrapping, 'none'>): OffsetEdit[] {
  const { indentUnit: unit, eol } = detectTextStyle(text);
  const start = text.length - text.replace(/^[\uFEFF\s]+/, '').length;
  const end = text.trimEnd().length;
  const head = `{${eol}${unit}"Version": "2012-10-17",${eol}${unit}"Statement": `;
  const [prefix, suffix, depth] = {
    statement: [`${head}[${eol}${unit}${unit}`, `${eol}${unit}]${eol}}`, 2],
    statements: [head, `${eol}}`, 1],
    members: [`{${eol}${unit}`, `${eol}}`, 1],
    statementMembers: [`${head}[${eol}${unit}${unit}{${eol}${unit.repeat(3)}`, `${eol}${unit}${unit}}${eol}${unit}]${eol}}`, 3],
  }[wrapping] as [string, string, number];
  const edits: OffsetEdit[] = [{ offset: start, length: 0, content: prefix }];
  for (let newline = text.indexOf('\n', start); newline >= 0 && newline < end; newline = text.indexOf('\n', newline + 1)) {
    if (!/[\r\n]/.test(text[newline + 1] ?? '\n')) {
      edits.push({ offset: newline + 1, length: 0, content: unit.repeat(depth) });
    }
  }
  edits.push({ offset: end, length: 0, content: suffix });
  return edits;
}

/** Where the wrap finding points: the first token of what was pasted (the statement, the list, the first key). */
function wrapTarget(reading: PastedReading): { offset: number; length: number } | undefined {
  const statementNode = reading.policy.statementNode;
  const statement = statementNode?.type === 'array' ? statementNode.children?.[0] : undefined;
  const node = reading.wrapping === 'statements'
    ? statementNode
    : reading.wrapping === 'members'
      ? reading.policy.root?.children?.[0]?.children?.[0]
      : reading.wrapping === 'statementMembers' ? statement?.children?.[0]?.children?.[0] : statement;
  return node && mapFindingRange(reading.map, { offset: node.offset, length: reading.wrapping === 'statement' || reading.wrapping === 'statements' ? 1 : node.length });
}

/** A fix of the repaired text as a fix of the original, or undefined when one of its edits does not map exactly. */
function mapFix(reading: PastedReading, fix: PolicyFix): PolicyFix | undefined {
  const edits: OffsetEdit[] = [];
  for (const edit of fix.edits) {
    const mapped = mapEdit(reading.map, edit);
    if (!mapped) {
      return undefined;
    }
    edits.push(mapped);
  }
  return { ...fix, edits };
}

/** The syntax findings of the repairs the parser did not report as they are (a `#` comment, a template value, a comment among typographic quotes). */
function repairFindings(reading: PastedReading, reported: ReadonlySet<string>, settings: PolicyLintSettings): PolicyFinding[] {
  const severity = severityOf(jsonSyntax, settings);
  if (severity === undefined || settings.reportSyntaxErrors === 'none') {
    return [];
  }
  return reading.repairs.flatMap((repair: SyntaxRepair): PolicyFinding[] => {
    const { offset, length } = repair.edit;
    if (repair.form === 'typographicQuote' || reported.has(`${offset}:${length}`)) {
      return [];
    }
    const texts = REPAIR_TEXTS[repair.form];
    if (settings.reportSyntaxErrors === 'strictOnly' && !texts.strictOnly) {
      return [];
    }
    const fix: PolicyFix = { title: texts.fixTitle, isPreferred: repair.form !== 'comment' && repair.form !== 'hashComment', edits: [repair.fixEdit] };
    return [{ ruleId: jsonSyntax.id, severity, offset, length, message: texts.message, fixes: [fix] }];
  });
}

/**
 * The findings of a document read as pasted (`pastedReading`): the syntax findings of the original
 * (those of the parse errors the repairs explain replaced by one finding per repair), a `notAPolicy`
 * finding with a fix that wraps a bare statement, list or members into a policy, and every other
 * finding computed on the repaired reading by `lintRepaired` and mapped back onto the original;
 * one finding per rule, range and message. A fix whose edits do not map exactly is left out.
 * Syntax findings carry one more fix, "Fix all syntax problems"; in the editor, where the syntax
 * may be VS Code's to report, the other findings carry it too. Without a reading: `findings` as they are.
 */
export function withPastedReading(policy: PolicyDocument, settings: PolicyLintSettings, findings: PolicyFinding[], lintRepaired: (repaired: PolicyDocument) => PolicyFinding[]): PolicyFinding[] {
  const reading = pastedReading(policy);
  if (!reading) {
    return findings;
  }
  // Parse errors the repairs explain are not reported as they are: comments, trailing commas and the like keep theirs.
  const keptProblems = new Set(policy.syntaxProblems.filter((problem) => problem.keepsTree).map((problem) => `${problem.offset}:${problem.length}:${problem.message}`));
  const syntax = findings.filter((finding) => finding.ruleId === smartQuotes.id || (finding.ruleId === jsonSyntax.id && keptProblems.has(`${finding.offset}:${finding.length}:${finding.message}`)));
  const reported = new Set(policy.syntaxProblems.filter((problem) => problem.keepsTree).map((problem) => `${problem.offset}:${problem.length}`));
  syntax.push(...repairFindings(reading, reported, settings));
  const syntaxFix = syntaxFixOf(reading);
  const result: PolicyFinding[] = syntax.map((finding) => (syntaxFix ? withSyntaxFix(finding, syntaxFix) : finding));

  const wrapSeverity = severityOf(notAPolicy, settings);
  const target = reading.wrapping === 'none' ? undefined : wrapTarget(reading);
  if (reading.wrapping !== 'none' && wrapSeverity && target) {
    const fix: PolicyFix = { title: WRAP_TITLE, isPreferred: true, edits: wrapEdits(policy.text, reading.wrapping) };
    result.push({ ruleId: notAPolicy.id, severity: wrapSeverity, ...target, message: WRAP_MESSAGES[reading.wrapping], fixes: [fix] });
  }

  // An unquoted template value is told once, by its syntax finding, which says to substitute it: not again as a placeholder.
  const seen = new Set<string>(reading.repairs.filter((repair) => repair.form === 'template').map((repair) => `${placeholder.id}:${repair.edit.offset}:${repair.edit.length}`));
  const editorSyntaxFix = syntaxFix && settings.reportSyntaxErrors !== 'all' ? { ...syntaxFix, isPreferred: false } : undefined;
  for (const finding of lintRepaired(reading.policy)) {
    const range = SYNTAX_RULES.has(finding.ruleId) ? undefined : mapFindingRange(reading.map, finding);
    const key = range && `${finding.ruleId}:${range.offset}:${range.length}`;
    if (!range || !key || seen.has(key) || seen.has(`${key}:${finding.message}`)) {
      continue;
    }
    seen.add(`${key}:${finding.message}`);
    const fixes = finding.fixes.flatMap((fix) => mapFix(reading, fix) ?? []);
    result.push({ ...finding, ...range, fixes: editorSyntaxFix ? [...fixes, editorSyntaxFix] : fixes });
  }
  return result.sort((a, b) => a.offset - b.offset);
}

/** A syntax finding with the fix-all-syntax fix first; when that one is preferred, the finding's own fixes no longer are. */
function withSyntaxFix(finding: PolicyFinding, syntaxFix: PolicyFix): PolicyFinding {
  const own = syntaxFix.isPreferred ? finding.fixes.map((fix) => (fix.isPreferred ? { ...fix, isPreferred: false } : fix)) : finding.fixes;
  return { ...finding, fixes: [syntaxFix, ...own] };
}

/** The fix-all-syntax fix of a document read as pasted, for a code action where the editor reports the syntax itself; undefined when there is none. */
export function pastedSyntaxFix(policy: PolicyDocument): PolicyFix | undefined {
  const reading = pastedReading(policy);
  return reading && syntaxFixOf(reading, true);
}

/** True when a document reads as a policy once repaired or wrapped: the CLI lints such a file named explicitly instead of calling it no policy. */
export function readsAsPastedPolicy(policy: PolicyDocument): boolean {
  return pastedReading(policy) !== undefined;
}
