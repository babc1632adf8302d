/* S3 Bucket Policy — MIT License. */
/**
 * Texts we write ourselves about conditions, for hover and completion: what the common global
 * condition keys mean and when a request carries them (the AWS data has no descriptions for most
 * global keys), what each operator compares and what it does when the key is missing, and which
 * operators fit which key type.
 */
import type { ConditionKeyType } from '../data/awsData';
import { BASE_CONDITION_OPERATORS, operatorParts } from '../conditionOperators';

/** What we say about a global condition key: its meaning and whether every request carries it. */
export interface GlobalKeyText {
  description: string;
  presence: string;
}

const ALWAYS = 'Present on every request.';
const SIGNED = 'Present on every signed request; anonymous requests do not carry it.';
const VPC_ENDPOINT = 'Present only when the request arrives through a VPC endpoint; absent otherwise.';
const SERVICE_ON_BEHALF = 'Present only when an AWS service makes the request on behalf of one of its resources (service-to-service access).';
const TEMPORARY = 'Present only when the request is signed with temporary credentials (a role session or federated user).';

/** Our descriptions of the global `aws:` keys, keyed by lowercased name. */
const GLOBAL_KEY_TEXTS: Record<string, GlobalKeyText> = {
  'aws:assumedroot': { description: 'Whether the request is made with short-term root credentials obtained through `sts:AssumeRoot`.', presence: 'Present only on requests made with such credentials.' },
  'aws:calledvia': { description: 'The AWS services that made the request with the principal\'s credentials, in order (for example `athena.amazonaws.com`). Multivalued.', presence: 'Present only when a service makes a request on the principal\'s behalf.' },
  'aws:calledviaawsmcp': { description: 'The AWS-managed MCP server through which the request was made.', presence: 'Present only on requests made through such a server.' },
  'aws:calledviafirst': { description: 'The first service in `aws:CalledVia`: the one the principal called.', presence: 'Present only when a service makes a request on the principal\'s behalf.' },
  'aws:calledvialast': { description: 'The last service in `aws:CalledVia`: the one that sent this request.', presence: 'Present only when a service makes a request on the principal\'s behalf.' },
  'aws:chatbotsourcearn': { description: 'The ARN of the chat-application channel configuration that made the request.', presence: 'Present only on requests made from a chat application.' },
  'aws:currenttime': { description: 'The date and time of the request (ISO 8601). Use Date operators.', presence: ALWAYS },
  'aws:ec2instancesourceprivateipv4': { description: 'The private IPv4 address of the EC2 instance whose role credentials signed the request.', presence: 'Present only on requests signed with EC2 instance role credentials.' },
  'aws:ec2instancesourcevpc': { description: 'The VPC of the EC2 instance whose role credentials signed the request.', presence: 'Present only on requests signed with EC2 instance role credentials.' },
  'aws:epochtime': { description: 'The time of the request in seconds since 1970-01-01 (Unix time). Use Date or Numeric operators.', presence: ALWAYS },
  'aws:federatedprovider': { description: 'The identity provider that issued the credentials of a federated session.', presence: 'Present only on requests of sessions federated through an identity provider.' },
  'aws:ismcpserviceaction': { description: 'Whether the request is an action of an AWS-managed MCP server.', presence: 'Present only on requests made through such a server.' },
  'aws:multifactorauthage': { description: 'Seconds since the principal authenticated with MFA.', presence: 'Present only when the credentials were obtained with MFA.' },
  'aws:multifactorauthpresent': { description: 'Whether the temporary credentials were obtained with multi-factor authentication.', presence: `${TEMPORARY} Long-term access keys do not carry it, so prefer \`BoolIfExists\` with \`false\` in a Deny.` },
  'aws:principalaccount': { description: 'The 12-digit account ID of the principal making the request.', presence: SIGNED },
  'aws:principalarn': { description: 'The ARN of the principal: the IAM user, the role (for a role session: the role\'s ARN, not the session\'s), or the account root. Use with Arn operators, or String operators.', presence: SIGNED },
  'aws:principalisawsservice': { description: 'Whether an AWS service principal (such as `cloudtrail.amazonaws.com`) makes the request with its own credentials.', presence: ALWAYS },
  'aws:principalorgid': { description: 'The AWS Organizations ID (`o-…`) of the principal\'s account. The usual way to grant a whole organization: `"Principal": "*"` plus `StringEquals` on this key.', presence: 'Present only when the principal\'s account belongs to an organization; absent for anonymous requests.' },
  'aws:principalorgpaths': { description: 'The organization paths (`o-…/r-…/ou-…/`) of the principal\'s account. Multivalued: use `ForAnyValue:StringLike`.', presence: 'Present only when the principal\'s account belongs to an organization.' },
  'aws:principalservicename': { description: 'The name of the service principal making the request, such as `cloudfront.amazonaws.com`.', presence: 'Present only when a service principal makes the request.' },
  'aws:principalservicenameslist': { description: 'Every name of the service principal making the request. Multivalued.', presence: 'Present only when a service principal makes the request.' },
  'aws:principaltag': { description: 'The value of a tag attached to the principal (IAM user or role); write the tag key after the slash.', presence: 'Present only when the principal carries that tag.' },
  'aws:principaltype': { description: 'The kind of principal: `Account`, `User`, `FederatedUser`, `AssumedRole` or `Anonymous`.', presence: ALWAYS },
  'aws:referer': { description: 'The HTTP Referer header, as the client sent it. Any client can forge it: it is not a security control.', presence: 'Present only when the request carries the header.' },
  'aws:requestedregion': { description: 'The AWS Region the request was sent to, such as `us-east-1`.', presence: ALWAYS },
  'aws:requesttag': { description: 'A tag passed in the request; write the tag key after the slash.', presence: 'Present only when the request passes tags.' },
  'aws:resourceaccount': { description: 'The account ID of the owner of the resource (for a bucket policy: the bucket owner).', presence: ALWAYS },
  'aws:resourceorgid': { description: 'The AWS Organizations ID of the account that owns the resource.', presence: 'Present only when the owning account belongs to an organization.' },
  'aws:resourceorgpaths': { description: 'The organization paths of the account that owns the resource. Multivalued.', presence: 'Present only when the owning account belongs to an organization.' },
  'aws:resourcetag': { description: 'A tag attached to the resource; write the tag key after the slash.', presence: 'Present only when the resource carries that tag.' },
  'aws:securetransport': { description: 'Whether the request was sent over TLS (HTTPS). The HTTPS-only deny uses `"Bool": { "aws:SecureTransport": "false" }`.', presence: `${ALWAYS} \`Bool\` and \`BoolIfExists\` behave alike on it.` },
  'aws:sourceaccount': { description: 'The account of the resource on whose behalf an AWS service makes the request (for example the account of a CloudFront distribution or of a bucket sending logs). Guards against the confused deputy problem.', presence: SERVICE_ON_BEHALF },
  'aws:sourcearn': { description: 'The ARN of the resource on whose behalf an AWS service makes the request (for example a CloudFront distribution). Guards against the confused deputy problem.', presence: SERVICE_ON_BEHALF },
  'aws:sourceidentity': { description: 'The source identity the principal set when it assumed a role.', presence: 'Present only when a source identity was set.' },
  'aws:sourceip': { description: 'The public IP address the request came from. Compare it with `IpAddress` / `NotIpAddress` and CIDR ranges; private ranges never match.', presence: 'Absent when the request arrives through a VPC endpoint (use `aws:VpcSourceIp` there) — a Deny with `NotIpAddress` then blocks those requests too.' },
  'aws:sourceorgid': { description: 'The AWS Organizations ID of the account owning the resource on whose behalf a service makes the request.', presence: SERVICE_ON_BEHALF },
  'aws:sourceorgpaths': { description: 'The organization paths of the account owning the resource on whose behalf a service makes the request. Multivalued.', presence: SERVICE_ON_BEHALF },
  'aws:sourceowner': { description: 'The account owning the resource on whose behalf a service makes the request (older key; prefer `aws:SourceAccount`).', presence: SERVICE_ON_BEHALF },
  'aws:sourcevpc': { description: 'The ID of the VPC (`vpc-…`) the request came from through a VPC endpoint. Single-valued: never use `ForAllValues:` with it.', presence: VPC_ENDPOINT },
  'aws:sourcevpcarn': { description: 'The ARN of the VPC the request came from through a VPC endpoint.', presence: VPC_ENDPOINT },
  'aws:sourcevpce': { description: 'The ID of the VPC endpoint (`vpce-…`) the request came through. Single-valued: never use `ForAllValues:` with it.', presence: VPC_ENDPOINT },
  'aws:tagkeys': { description: 'The tag keys passed in the request. Multivalued.', presence: 'Present only when the request passes tags.' },
  'aws:tokenissuetime': { description: 'When the temporary credentials of the request were issued.', presence: TEMPORARY },
  'aws:useragent': { description: 'The client\'s User-Agent header. Any client can set it: it is not a security control.', presence: 'Present only when the request carries the header.' },
  'aws:userid': { description: 'The unique ID of the principal: `AIDA…` for a user, `AROA…:session-name` for a role session, the account ID for root, `anonymous` for anonymous requests.', presence: ALWAYS },
  'aws:username': { description: 'The friendly name of the IAM user making the request.', presence: 'Present only when an IAM user makes the request.' },
  'aws:viaawsmcpservice': { description: 'Whether the request came through an AWS-managed MCP server.', presence: ALWAYS },
  'aws:viaawsservice': { description: 'Whether an AWS service made the request with the principal\'s credentials (a forward access session).', presence: ALWAYS },
  'aws:vpceaccount': { description: 'The account that owns the VPC endpoint the request came through.', presence: VPC_ENDPOINT },
  'aws:vpceorgid': { description: 'The AWS Organizations ID of the account that owns the VPC endpoint the request came through.', presence: VPC_ENDPOINT },
  'aws:vpceorgpaths': { description: 'The organization paths of the account that owns the VPC endpoint. Multivalued.', presence: VPC_ENDPOINT },
  'aws:vpcsourceip': { description: 'The private IP address the request came from inside the VPC, through a VPC endpoint. Pair it with `aws:SourceVpc`.', presence: VPC_ENDPOINT },
};

/** Our text about a global key (a templated key such as `aws:ResourceTag/env` finds its template's text). */
export function globalKeyText(name: string): GlobalKeyText | undefined {
  const lower = name.toLowerCase();
  return GLOBAL_KEY_TEXTS[lower] ?? GLOBAL_KEY_TEXTS[lower.split('/')[0]];
}

/** The families of condition operators. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** The family of a base operator (without qualifier or IfExists), or undefined for an unknown name. */
export function operatorFamily(baseOperator: string): OperatorFamily | undefined {
  if (!(BASE_CONDITION_OPERATORS as readonly string[]).includes(baseOperator)) {
    return undefined;
  }
  if (baseOperator.endsWith('IpAddress')) {
    return 'IpAddress';
  }
  return (['String', 'Numeric', 'Date', 'Bool', 'Binary', 'Arn', 'Null'] as const).find((family) => baseOperator.startsWith(family));
}

/** The operator families that compare a key of this type (Null fits every key and is not listed). */
export function familiesForType(type: ConditionKeyType): readonly OperatorFamily[] {
  switch (type) {
    case 'String':
    case 'ArrayOfString':
      return ['String'];
    case 'ARN':
      return ['Arn', 'String'];
    case 'Numeric':
      return ['Numeric'];
    case 'Date':
      return ['Date', 'Numeric'];
    case 'Bool':
      return ['Bool'];
    case 'IPAddress':
      return ['IpAddress'];
  }
}

/** The base operators that fit a key type, in the order people reach for them. */
export function operatorsForType(type: ConditionKeyType): string[] {
  const families = familiesForType(type);
  const fitting = BASE_CONDITION_OPERATORS.filter((operator) => families.includes(operatorFamily(operator)!));
  return type === 'Date' ? fitting.filter((operator) => operatorFamily(operator) === 'Date') : [...fitting];
}

/** What each base operator compares. */
const OPERATOR_SEMANTICS: Record<string, string> = {
  StringEquals: 'Exact, case-sensitive match: true when the key\'s value equals one of the values. No wildcards (use `StringLike`).',
  StringNotEquals: 'Negated exact, case-sensitive match: true when the key\'s value equals none of the values.',
  StringEqualsIgnoreCase: 'Exact match ignoring case: true when the key\'s value equals one of the values.',
  StringNotEqualsIgnoreCase: 'Negated match ignoring case: true when the key\'s value equals none of the values.',
  StringLike: 'Case-sensitive match with wildcards: `*` matches any run of characters, `?` exactly one. True when the key\'s value matches one of the patterns.',
  StringNotLike: 'Negated match with wildcards `*` and `?`: true when the key\'s value matches none of the patterns.',
  NumericEquals: 'True when the key\'s number equals one of the values.',
  NumericNotEquals: 'True when the key\'s number equals none of the values.',
  NumericLessThan: 'True when the key\'s number is less than the value.',
  NumericLessThanEquals: 'True when the key\'s number is less than or equal to the value.',
  NumericGreaterThan: 'True when the key\'s number is greater than the value.',
  NumericGreaterThanEquals: 'True when the key\'s number is greater than or equal to the value.',
  DateEquals: 'True when the key\'s date equals the value (ISO 8601, such as `2026-01-31T00:00:00Z`, or seconds since 1970).',
  DateNotEquals: 'True when the key\'s date differs from the value.',
  DateLessThan: 'True when the key\'s date is before the value (ISO 8601 or seconds since 1970).',
  DateLessThanEquals: 'True when the key\'s date is at or before the value.',
  DateGreaterThan: 'True when the key\'s date is after the value (ISO 8601 or seconds since 1970).',
  DateGreaterThanEquals: 'True when the key\'s date is at or after the value.',
  Bool: 'True when the key\'s Boolean equals the value: `"true"` or `"false"`.',
  BinaryEquals: 'True when the key\'s binary value equals the value, written in base64.',
  IpAddress: 'True when the key\'s IP address lies in one of the CIDR ranges (IPv4 or IPv6; a bare address means /32).',
  NotIpAddress: 'True when the key\'s IP address lies in none of the CIDR ranges.',
  ArnEquals: 'Compares ARNs field by field; `*` and `?` wildcards work in each field. Behaves exactly like `ArnLike`.',
  ArnLike: 'Compares ARNs field by field; `*` and `?` wildcards work in each field. True when the key\'s ARN matches one of the values.',
  ArnNotEquals: 'Negated ARN comparison: true when the key\'s ARN matches none of the values. Behaves exactly like `ArnNotLike`.',
  ArnNotLike: 'Negated ARN comparison with wildcards: true when the key\'s ARN matches none of the values.',
  Null: 'Tests whether the key is present: `"true"` matches requests **without** the key, `"false"` requests that carry it.',
};

/** True for the negated operators (StringNotEquals, NotIpAddress, …), which are true when the key is missing. */
export function isNegatedOperator(baseOperator: string): boolean {
  return /Not(Equals|Like|IpAddress)/.test(baseOperator);
}

/** Markdown that explains an operator as written: what it compares, the missing-key behaviour, IfExists and the set qualifier. */
export function describeOperator(operator: string): string | undefined {
  const parts = operatorParts(operator);
  const semantics = OPERATOR_SEMANTICS[parts.base];
  if (!semantics) {
    return undefined;
  }
  const lines = [`**${operator}** — condition operator`, '', semantics, ''];
  if (parts.base === 'Null') {
    lines.push('It is the one operator that looks at a missing key on purpose; it takes no `IfExists`.');
  } else if (parts.ifExists) {
    lines.push('**IfExists**: when the request does not carry the key, this condition is true; when it does, the comparison above applies.');
  } else if (isNegatedOperator(parts.base)) {
    lines.push('**Missing key**: when the request does not carry the key, this negated condition is **true** (the statement applies). Add `IfExists` to state that on purpose, or use `Null` to test for the key.');
  } else {
    lines.push('**Missing key**: when the request does not carry the key, this condition is **false** (the statement does not apply). Add `IfExists` to make it true instead.');
  }
  if (parts.qualifier === 'ForAllValues') {
    lines.push('', '**ForAllValues:** for multivalued keys: true when *every* value in the request matches one of the policy values — and also when the request has no value at all. Never use it with a single-valued key.');
  } else if (parts.qualifier === 'ForAnyValue') {
    lines.push('', '**ForAnyValue:** for multivalued keys: true when *at least one* value in the request matches one of the policy values; false when the request has none.');
  }
  lines.push('', 'Operators and keys of one Condition are ANDed; the values of one key are ORed.');
  return lines.join('\n');
}

/** One line about an operator, for completion details. */
export function operatorSummary(operator: string): string | undefined {
  return OPERATOR_SEMANTICS[operatorParts(operator).base]?.split('. ')[0].replace(/\.$/, '');
}
