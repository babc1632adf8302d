/* S3 Bucket Policy — MIT License. */
/**
 * Texts about the policy's elements, for hover and completion: the schema's descriptions of each
 * element name, and what we write ourselves about Version, Effect and the forms of a Principal.
 */
import bucketPolicySchema from '../../../../schemas/s3-bucket-policy.schema.json';

/** Where an element name stands: at the top of the policy, in a statement, or in a Principal object. */
export type ElementScope = 'policy' | 'statement' | 'principal';

interface SchemaProperty {
  markdownDescription?: string;
  enum?: string[];
  enumDescriptions?: string[];
}

type SchemaProperties = Record<string, SchemaProperty>;

const schema = bucketPolicySchema as unknown as {
  properties: SchemaProperties;
  definitions: { statement: { properties: SchemaProperties }; principal: { oneOf: { properties?: SchemaProperties }[] } };
};

const SCOPES: Record<ElementScope, SchemaProperties> = {
  policy: schema.properties,
  statement: schema.definitions.statement.properties,
  principal: schema.definitions.principal.oneOf.find((option) => option.properties)?.properties ?? {},
};

/** The element names valid in a scope, in schema order. */
export function elementNames(scope: ElementScope): string[] {
  return Object.keys(SCOPES[scope]);
}

/** The schema's markdown description of an element, or undefined for a name the scope does not have. */
export function elementDescription(scope: ElementScope, name: string): string | undefined {
  return Object.hasOwn(SCOPES[scope], name) ? SCOPES[scope][name].markdownDescription : undefined;
}

/** The schema's description of one allowed value of an element (`Allow`, `2012-10-17`, …). */
export function enumDescription(scope: ElementScope, name: string, value: string): string | undefined {
  const property = Object.hasOwn(SCOPES[scope], name) ? SCOPES[scope][name] : undefined;
  const index = property?.enum?.indexOf(value) ?? -1;
  return index >= 0 ? property?.enumDescriptions?.[index] : undefined;
}

/** What the Version values mean. */
export const VERSION_TEXT = [
  '**Version** — the policy language version',
  '',
  'Write `"2012-10-17"`. It names the current version of the policy language; it is not a date to update.',
  '',
  '- `2012-10-17`: the current language. Policy variables such as `${aws:username}` are expanded.',
  '- `2008-10-17`: the legacy language. Policy variables are read as literal text.',
  '',
  'A policy without a Version is read as `2008-10-17`.',
].join('\n');

/** What Effect means. */
export const EFFECT_TEXT = [
  '**Effect** — `Allow` or `Deny`, spelled exactly so (case-sensitive)',
  '',
  '- `Allow` grants the listed actions to the listed principals.',
  '- `Deny` refuses them, whatever any other policy allows: an explicit deny always wins.',
  '',
  'Whatever no statement allows is denied by default.',
].join('\n');

/** The forms a Principal can take in a bucket policy. */
export const PRINCIPAL_FORMS_TEXT = [
  '**Principal** — who the statement applies to',
  '',
  '- `"*"` — everyone, anonymous users included (the same as `{ "AWS": "*" }`). With `Allow`, restrict it with a Condition.',
  '- `{ "AWS": "111122223333" }` or `"arn:aws:iam::111122223333:root"` — an account: whoever that account\'s own IAM policies allow.',
  '- `{ "AWS": "arn:aws:iam::111122223333:role/name" }` — one IAM role (or `user/name`, or an `assumed-role/…` session).',
  '- `{ "Service": "cloudfront.amazonaws.com" }` — an AWS service; restrict it with `aws:SourceArn` or `aws:SourceAccount`.',
  '- `{ "CanonicalUser": "…64 hexadecimal characters…" }` — an S3 canonical user ID.',
  '',
  'Bucket policies do not accept `Federated` principals, nor partial wildcards such as `arn:aws:iam::*:role/name`.',
].join('\n');

/** One line about a principal value of a given type (`AWS`, `Service`, `CanonicalUser`, or `*` for a bare string). */
export function describePrincipalValue(type: string, value: string): string | undefined {
  if (value === '*' && (type === '*' || type === 'AWS')) {
    return 'Everyone, anonymous users included.';
  }
  if (type === 'AWS') {
    const account = /^(\d{12})$/.exec(value)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1];
    if (account) {
      return `The AWS account ${account}: any of its principals that the account's own IAM policies allow.`;
    }
    const identity = /^arn:[^:]+:(iam|sts)::(\d{12}):(role|user|assumed-role)\/(.+)$/.exec(value);
    if (identity) {
      const kind = identity[3] === 'assumed-role' ? 'The role session' : identity[3] === 'role' ? 'The IAM role' : 'The IAM user';
      return `${kind} \`${identity[4]}\` of account ${identity[2]}.`;
    }
    return undefined;
  }
  if (type === 'Service') {
    return `The AWS service \`${value}\`. Restrict it to your own resources with \`aws:SourceArn\` or \`aws:SourceAccount\`.`;
  }
  if (type === 'CanonicalUser') {
    return 'An S3 canonical user ID (for example a legacy CloudFront origin access identity).';
  }
  return undefined;
}
