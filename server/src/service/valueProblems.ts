/* S3 Bucket Policy — MIT License. */
/**
 * Reporting the problems of one string value (an ARN, a principal) as one finding: the exact part
 * underlined when there is one problem, the whole value when there are several, and one fix that
 * makes every mechanical repair at once.
 */
import type { Node } from 'jsonc-parser';
import { PARTITIONS, replaceArnField } from './arns';
import { replaceStringEdit } from './edits/jsonEdits';
import { innerRange } from './parser/nodeUtils';
import type { RuleSeverity } from './policyLanguageTypes';
import type { OffsetRange, RuleContext } from './rules/rule';

/** One thing wrong with a string value. */
export interface ValueProblem {
  /** A whole sentence saying what is wrong. */
  message: string;
  /** Where, as offset and length inside the string value. */
  index: number;
  length: number;
  /** Rewrites the whole value to repair this problem, when the repair is mechanical. */
  repair?: (value: string) => string;
  /** Severity when it differs from the rule's default. */
  severity?: RuleSeverity;
}

const SEVERITY_ORDER: RuleSeverity[] = ['information', 'warning', 'error'];

/**
 * The document range of a part of a string node's value. When the literal contains escapes, the
 * value and the text differ, so the whole string is underlined instead.
 */
export function substringRange(text: string, node: Node, index: number, length: number): OffsetRange {
  const inner = innerRange(node);
  if (text.slice(inner.offset, inner.offset + inner.length) !== String(node.value)) {
    return inner;
  }
  return { offset: inner.offset + index, length: Math.max(length, 0) };
}

/**
 * Reports the problems of a string value as one finding. With one problem the finding underlines its
 * part; with several it underlines the value and lists them. The fix applies every repair in turn.
 */
export function reportValueProblems(context: RuleContext, node: Node, problems: ValueProblem[], fixTitle: (fixed: string) => string): void {
  if (problems.length === 0) {
    return;
  }
  const value = String(node.value);
  const repairs = problems.flatMap((problem) => (problem.repair ? [problem.repair] : []));
  const fixed = repairs.reduce((current, repair) => repair(current), value);
  const severities = problems.map((problem) => problem.severity).filter((severity): severity is RuleSeverity => severity !== undefined);
  const severity = severities.length === problems.length
    ? severities.reduce((worst, next) => (SEVERITY_ORDER.indexOf(next) > SEVERITY_ORDER.indexOf(worst) ? next : worst))
    : undefined;
  const range = problems.length === 1 ? substringRange(context.policy.text, node, problems[0].index, problems[0].length) : innerRange(node);
  const canFix = repairs.length > 0 && fixed !== value;
  const message = problems.map((problem) => problem.message).join(' ') + (canFix ? ` Write "${fixed}".` : '');
  context.report(range, message, {
    severity,
    fixes: canFix ? [{ title: fixTitle(fixed), isPreferred: repairs.length === problems.length, edits: [replaceStringEdit(node, fixed)] }] : [],
  });
}

/** The problem with an ARN's partition field, if any; the repair lowercases it when that makes it a partition. */
export function partitionProblem(partition: string): ValueProblem | undefined {
  if (PARTITIONS.includes(partition)) {
    return undefined;
  }
  const lower = partition.toLowerCase();
  return {
    message: `"${partition}" is not an AWS partition (${PARTITIONS.join(', ')}).`,
    index: 4,
    length: partition.length,
    repair: PARTITIONS.includes(lower) ? replaceArnField(1, lower) : undefined,
  };
}
