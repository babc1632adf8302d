/* S3 Bucket Policy — MIT License. */
import type { SchemaProblem } from '../schema/validateAgainstSchema';

/** The property name a schema problem is about: the last name in its path. */
export function elementName(problem: SchemaProblem): string {
  for (let index = problem.path.length - 1; index >= 0; index--) {
    const segment = problem.path[index];
    if (typeof segment === 'string') {
      return segment;
    }
  }
  return 'policy';
}

/** True when a schema problem lies inside a Principal or NotPrincipal element. */
export function isInPrincipal(problem: SchemaProblem): boolean {
  return problem.path.some((segment) => segment === 'Principal' || segment === 'NotPrincipal');
}

/** True when a schema problem lies inside a Condition element. */
export function isInCondition(problem: SchemaProblem): boolean {
  return problem.path.includes('Condition');
}

/** Where a problem is, in words: "statement 2" or "statement \"AllowRead\"" or "the policy". */
export function describeOwner(problem: SchemaProblem): string {
  const index = problem.path[1];
  if (problem.path[0] !== 'Statement') {
    return 'the policy';
  }
  return typeof index === 'number' ? `statement ${index + 1}` : 'the statement';
}
