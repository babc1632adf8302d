/* S3 Bucket Policy — MIT License. */
import type { PolicyDocument } from './policyDocument';
import { lowerBound } from '../lowerBound';
import { memoizePerObject } from '../memoizePerObject';

/** The syntax problems of a document by start offset, with the furthest end reached by each prefix of them. */
interface SyntaxProblemIndex {
  starts: number[];
  furthestEnds: number[];
}

const indexOf = memoizePerObject((policy: PolicyDocument): SyntaxProblemIndex => {
  const problems = [...policy.syntaxProblems].sort((a, b) => a.offset - b.offset);
  const starts = problems.map((problem) => problem.offset);
  const furthestEnds: number[] = [];
  let furthest = -1;
  for (const problem of problems) {
    furthest = Math.max(furthest, problem.offset + problem.length);
    furthestEnds.push(furthest);
  }
  return { starts, furthestEnds };
});

/**
 * True when a range overlaps a JSON syntax problem: a half-typed token that rules should leave
 * alone. A binary search over an index built once per parsed document, so a document with
 * thousands of tokens and thousands of syntax problems costs thousands of steps, not millions.
 */
export function overlapsSyntaxProblem(policy: PolicyDocument, range: { offset: number; length: number }): boolean {
  // Nearly every document has none: answered without looking the index up.
  if (policy.syntaxProblems.length === 0) {
    return false;
  }
  const { starts, furthestEnds } = indexOf(policy);
  const end = range.offset + range.length;
  const low = lowerBound(starts.length, (index) => starts[index] < end);
  return low > 0 && furthestEnds[low - 1] > range.offset;
}
