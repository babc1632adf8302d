/* S3 Bucket Policy — MIT License. */
/** The condition operators of the IAM policy language, without IfExists or set qualifiers. */
export const BASE_CONDITION_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
] as const;

/** Every valid operator name: each base operator, with `IfExists` (not for Null) and with `ForAllValues:`/`ForAnyValue:`. */
export const ALL_CONDITION_OPERATORS: readonly string[] = BASE_CONDITION_OPERATORS.flatMap((base) => {
  const plain = base === 'Null' ? [base] : [base, `${base}IfExists`];
  return base === 'Null' ? plain : [...plain, ...plain.map((name) => `ForAllValues:${name}`), ...plain.map((name) => `ForAnyValue:${name}`)];
});

/** The parts of an operator name: `ForAnyValue:StringLikeIfExists` → qualifier, `StringLike`, IfExists. */
export interface OperatorParts {
  qualifier: 'ForAllValues' | 'ForAnyValue' | undefined;
  base: string;
  ifExists: boolean;
}

/**
 * `s`: a name may hold a line break or U+2028 (a typo, a paste); it still splits, so a fix that adds
 * a qualifier sees the qualifier afterwards.
 */
const OPERATOR_PARTS = /^(?:(ForAllValues|ForAnyValue):)?(.*?)(IfExists)?$/s;

/** Splits an operator name into qualifier, base operator and IfExists suffix. */
export function operatorParts(operator: string): OperatorParts {
  // Most operators have neither (StringEquals, Bool): no match, no captured copies.
  if (!operator.startsWith('For') && !operator.endsWith('IfExists')) {
    return { qualifier: undefined, base: operator, ifExists: false };
  }
  const [, qualifier, base, ifExists] = OPERATOR_PARTS.exec(operator) ?? [];
  return { qualifier: qualifier as OperatorParts['qualifier'], base: base ?? operator, ifExists: ifExists !== undefined };
}
