/* S3 Bucket Policy — MIT License. */
/**
 * Which condition operators fit which condition keys: the operator families (String, Numeric,
 * Date, Bool, Binary, IpAddress, Arn, Null), the families each key type accepts, and the operator of
 * another family that says the same thing (StringEquals → NumericEquals, StringLike → IpAddress).
 */
import type { ConditionEntry } from '../conditionEntries';
import { BASE_CONDITION_OPERATORS } from '../conditionOperators';
import { conditionKey, ConditionKeyInfo, ConditionKeyType } from '../data/awsData';

/** A family of condition operators, named after the type of value its operators compare. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

const BASE_OPERATORS: ReadonlySet<string> = new Set(BASE_CONDITION_OPERATORS);

/** The family of one of BASE_CONDITION_OPERATORS: the String operators are those no other family claims. */
function familyOf(baseOperator: string): OperatorFamily {
  if (baseOperator === 'Null' || baseOperator === 'Bool') {
    return baseOperator;
  }
  if (baseOperator === 'BinaryEquals') {
    return 'Binary';
  }
  if (baseOperator.endsWith('IpAddress')) {
    return 'IpAddress';
  }
  if (baseOperator.startsWith('Numeric')) {
    return 'Numeric';
  }
  if (baseOperator.startsWith('Date')) {
    return 'Date';
  }
  return baseOperator.startsWith('Arn') ? 'Arn' : 'String';
}

/** The family of every base operator, worked out once. */
const FAMILY_OF_OPERATOR: ReadonlyMap<string, OperatorFamily> = new Map(BASE_CONDITION_OPERATORS.map((operator) => [operator, familyOf(operator)]));

/** The family of a base operator (no qualifier, no IfExists), or undefined when it is not an operator. */
export function operatorFamily(baseOperator: string): OperatorFamily | undefined {
  return FAMILY_OF_OPERATOR.get(baseOperator);
}

/** The operator families each key type accepts (Null fits every key), the key's own family first. */
const FAMILIES_BY_TYPE: Record<ConditionKeyType, readonly OperatorFamily[]> = {
  String: ['String'],
  ArrayOfString: ['String'],
  ARN: ['Arn', 'String'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  IPAddress: ['IpAddress'],
};

/** The words for a key type in messages. */
export const TYPE_WORDS: Record<ConditionKeyType, string> = {
  String: 'a string',
  ArrayOfString: 'a list of strings',
  ARN: 'an ARN',
  Numeric: 'a number',
  Date: 'a date',
  Bool: 'a Boolean (true or false)',
  IPAddress: 'an IP address',
};

/**
 * The operator families a key accepts, its own family first. Besides what its type says:
 * `aws:EpochTime` also takes Numeric operators (IAM documents it as Date and Numeric), and a String
 * key whose name ends in "Arn" (`aws:SourceVpcArn`) holds an ARN, so Arn operators fit it too.
 */
export function acceptedFamilies(key: ConditionKeyInfo): readonly OperatorFamily[] {
  let families = familiesOfKey.get(key);
  if (!families) {
    families = familiesFor(key);
    familiesOfKey.set(key, families);
  }
  return families;
}

/** The answers of acceptedFamilies, per key of the AWS data (a fixed set). */
const familiesOfKey = new Map<ConditionKeyInfo, readonly OperatorFamily[]>();

function familiesFor(key: ConditionKeyInfo): readonly OperatorFamily[] {
  const lower = key.name.toLowerCase();
  if (lower === 'aws:epochtime') {
    return ['Date', 'Numeric'];
  }
  if (key.type === 'String' && lower.endsWith('arn')) {
    return ['String', 'Arn'];
  }
  return FAMILIES_BY_TYPE[key.type];
}

/** How an entry's operator relates to its key. */
export interface KeyFit {
  /** The key as the AWS data knows it; undefined for keys it does not know (other rules report them). */
  key: ConditionKeyInfo | undefined;
  family: OperatorFamily | undefined;
  /** False when the key is known, the operator is valid, and its family does not fit the key's type. */
  fits: boolean;
}

/** Whether an entry's operator family fits its key's type; unknown keys and unknown operators count as fitting. */
export function keyFit(entry: ConditionEntry): KeyFit {
  const key = conditionKey(entry.lowerKey);
  const family = operatorFamily(entry.baseOperator);
  const fits = !key || !family || family === 'Null' || acceptedFamilies(key).includes(family);
  return { key, family, fits };
}

/** What a base operator asks of the value, without its family: `StringNotLike` → `NotLike`, `DateLessThan` → `LessThan`. */
function relation(baseOperator: string, family: OperatorFamily): string {
  if (family === 'IpAddress') {
    return baseOperator === 'IpAddress' ? 'Equals' : 'NotEquals';
  }
  return family === 'Bool' ? 'Equals' : baseOperator.slice(family.length);
}

/**
 * The operator of `target` family that asks the same of the value as `baseOperator`, or undefined
 * when that family has no such operator (StringLike has no Numeric counterpart).
 */
export function counterpart(baseOperator: string, target: OperatorFamily): string | undefined {
  const family = operatorFamily(baseOperator);
  if (!family || family === 'Null' || target === 'Null' || target === 'Binary') {
    return undefined;
  }
  const wanted = relation(baseOperator, family);
  const negated = wanted.startsWith('Not');
  if (target === 'IpAddress') {
    return /^(Not)?(Equals|EqualsIgnoreCase|Like)$/.test(wanted) ? (negated ? 'NotIpAddress' : 'IpAddress') : undefined;
  }
  if (target === 'Bool') {
    return wanted === 'Equals' || wanted === 'EqualsIgnoreCase' ? 'Bool' : undefined;
  }
  const plain = target === 'String' || target === 'Arn' ? wanted : wanted.replace('IgnoreCase', '');
  const name = `${target}${plain}`;
  return BASE_OPERATORS.has(name) ? name : undefined;
}

/** The operator as written with another base operator, keeping its qualifier and IfExists suffix. */
export function withBaseOperator(entry: ConditionEntry, baseOperator: string): string {
  const qualifier = entry.qualifier ? `${entry.qualifier}:` : '';
  return `${qualifier}${baseOperator}${entry.ifExists && baseOperator !== 'Null' ? 'IfExists' : ''}`;
}

/** True for the operators that are true when the value differs: StringNotEquals, ArnNotLike, NotIpAddress, … */
export function isNegated(baseOperator: string): boolean {
  return /Not(Equals|EqualsIgnoreCase|Like|IpAddress)$/.test(baseOperator);
}

/**
 * What a condition entry does when the request does not carry its key: `always` true (negated
 * operators, IfExists, ForAllValues:, `Null: true`), `never` true (the others, ForAnyValue: among
 * them), or undefined when it cannot be said
 * (a Null with both values, or with values that are not Booleans).
 */
export function outcomeWithoutKey(entry: ConditionEntry): 'always' | 'never' | undefined {
  if (entry.baseOperator === 'Null') {
    const values = new Set(entry.values.map((value) => String(value.value).toLowerCase()));
    if (values.size !== 1) {
      return undefined;
    }
    return values.has('true') ? 'always' : values.has('false') ? 'never' : undefined;
  }
  if (entry.qualifier) {
    return entry.qualifier === 'ForAllValues' ? 'always' : 'never';
  }
  return entry.ifExists || isNegated(entry.baseOperator) ? 'always' : 'never';
}
