/* S3 Bucket Policy — MIT License. */
/** The condition entries of a whole policy, for the condition rules. */
import { ConditionEntry, conditionEntries } from '../conditionEntries';
import { memoizePerObject } from '../memoizePerObject';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { overlapsSyntaxProblem } from '../parser/syntaxProblemIndex';
import { KeyFit, keyFit } from './keyOperators';

/** A condition entry with the statement it belongs to and how its operator fits its key. */
export interface StatementEntry extends KeyFit {
  statement: PolicyStatement;
  entry: ConditionEntry;
}

/**
 * Every operator/key pair of every statement's Condition, in document order, with how the operator
 * fits the key, leaving out keys that overlap a JSON syntax problem. Computed once per parsed document.
 */
export const policyConditionEntries = memoizePerObject((policy: PolicyDocument): readonly StatementEntry[] => {
  const entries: StatementEntry[] = [];
  for (const statement of policy.statements) {
    for (const entry of conditionEntries(statement)) {
      if (!overlapsSyntaxProblem(policy, entry.keyNode)) {
        const { key, family, fits } = keyFit(entry);
        entries.push({ statement, entry, key, family, fits });
      }
    }
  }
  return entries;
});
