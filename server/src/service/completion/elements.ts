/* S3 Bucket Policy — MIT License. */
/**
 * Element completion: the member names valid where the cursor is (top level, statement, Principal)
 * and not yet present, each inserted with a value to start from; and the values of Version, Effect
 * and Principal.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { splitArn } from '../arns';
import { stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { principalValues } from '../principals';
import { elementDescription, elementNames, ElementScope, enumDescription, VERSION_TEXT, EFFECT_TEXT, PRINCIPAL_FORMS_TEXT } from '../hover/elementTexts';
import type { CursorContext } from './cursorContext';
import { memberProposal, Proposal, stringProposal } from './proposals';
import { resourceValueSnippet } from './resources';

/** Statement elements in the order they are usually written; the negated forms last. */
const STATEMENT_ORDER = ['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition', 'NotPrincipal', 'NotAction', 'NotResource'];

/** Pairs of elements a statement may hold only one of. */
const EXCLUSIVE: Record<string, string> = {
  Principal: 'NotPrincipal', NotPrincipal: 'Principal', Action: 'NotAction', NotAction: 'Action', Resource: 'NotResource', NotResource: 'Resource',
};

/** Principal types a bucket policy accepts (Federated is not one of them). */
const PRINCIPAL_TYPES = ['AWS', 'Service', 'CanonicalUser'];

/** Service principals that bucket policies commonly grant. */
const SERVICE_PRINCIPALS: [string, string][] = [
  ['cloudfront.amazonaws.com', 'CloudFront origin access control'],
  ['logging.s3.amazonaws.com', 'S3 server access logging'],
  ['delivery.logs.amazonaws.com', 'log delivery (VPC flow logs, load balancer and other vended logs)'],
  ['cloudtrail.amazonaws.com', 'CloudTrail log files'],
  ['config.amazonaws.com', 'AWS Config delivery'],
];

function documentation(scope: ElementScope, name: string): string | undefined {
  const description = elementDescription(scope, name);
  return description && `**${name}**\n\n${description}`;
}

/** Proposals for member names of the top level. */
export function policyElementProposals(context: CursorContext, present: ReadonlySet<string>): Proposal[] {
  const values: Record<string, string> = { Version: '"2012-10-17"', Id: '"$1"', Statement: '[\n\t$0\n]' };
  return elementNames('policy').filter((name) => !present.has(name)).map((name) => memberProposal(context, name, values[name] ?? '"$1"', CompletionItemKind.Property, {
    documentation: name === 'Version' ? VERSION_TEXT : documentation('policy', name),
  }));
}

/** Proposals for member names of a statement: those not present and not excluded by a present counterpart (Action/NotAction, …). */
export function statementElementProposals(context: CursorContext, policy: PolicyDocument, statement: PolicyStatement | undefined, present: ReadonlySet<string>): Proposal[] {
  const effect = statement ? stringValue(statement.elements.Effect?.valueNode) : undefined;
  const values: Record<string, string> = {
    Sid: '"$1"',
    Effect: '"${1|Allow,Deny|}"',
    Principal: effect === 'Deny' ? '"*"' : '{ "AWS": "$1" }',
    NotPrincipal: '{ "AWS": "$1" }',
    Action: '"s3:$1"',
    NotAction: '"s3:$1"',
    Resource: resourceValueSnippet(policy, statement),
    NotResource: resourceValueSnippet(policy, statement),
    Condition: '{ "${1:StringEquals}": { "$2": "$3" } }',
  };
  return STATEMENT_ORDER.filter((name) => !present.has(name) && !present.has(EXCLUSIVE[name] ?? '')).map((name) => memberProposal(context, name, values[name], CompletionItemKind.Property, {
    documentation: name === 'Effect' ? EFFECT_TEXT : documentation('statement', name),
  }));
}

/** Proposals for member names of a Principal object. */
export function principalTypeProposals(context: CursorContext, present: ReadonlySet<string>): Proposal[] {
  return PRINCIPAL_TYPES.filter((name) => !present.has(name)).map((name) => memberProposal(context, name, '"$1"', CompletionItemKind.Property, {
    documentation: documentation('principal', name),
  }));
}

/** The Version values: the current one first, the legacy one last. */
export function versionProposals(): Proposal[] {
  return ['2012-10-17', '2008-10-17'].map((value, index) => stringProposal(value, CompletionItemKind.EnumMember, {
    detail: enumDescription('policy', 'Version', value),
    documentation: VERSION_TEXT,
    preselect: index === 0,
  }));
}

/** The Effect values. */
export function effectProposals(): Proposal[] {
  return ['Allow', 'Deny'].map((value) => stringProposal(value, CompletionItemKind.EnumMember, { detail: enumDescription('statement', 'Effect', value), documentation: EFFECT_TEXT }));
}

/**
 * The values of a Principal itself: `"*"`, and, where no string is being typed, the object forms
 * with a principal type to fill in.
 */
export function principalProposals(context: CursorContext): Proposal[] {
  const everyone = stringProposal('*', CompletionItemKind.Value, { detail: 'everyone, anonymous users included', documentation: PRINCIPAL_FORMS_TEXT });
  if (context.quoted) {
    return [everyone];
  }
  return [everyone, ...PRINCIPAL_TYPES.map((type) => ({
    label: `{ "${type}": … }`,
    kind: CompletionItemKind.Struct,
    text: `{ "${type}": "$1" }`,
    snippet: true,
    documentation: documentation('principal', type),
    filterText: type,
  }))];
}

/** The accounts the policy already names in principals (12-digit IDs or account ARNs), in document order. */
function namedAccounts(policy: PolicyDocument): string[] {
  const accounts = new Set<string>();
  for (const statement of policy.statements) {
    for (const principal of principalValues(statement)) {
      const account = /^\d{12}$/.test(principal.value) ? principal.value : splitArn(principal.value)?.account;
      if (account && /^\d{12}$/.test(account)) {
        accounts.add(account);
      }
    }
  }
  return [...accounts];
}

/** The values of one principal type: `"*"` and the root ARNs of the accounts the policy names for AWS, common service principals for Service. */
export function principalValueProposals(policy: PolicyDocument, type: string, present: ReadonlySet<string>): Proposal[] {
  if (type === 'AWS') {
    const accounts = namedAccounts(policy).map((account) => `arn:aws:iam::${account}:root`).filter((arn) => !present.has(arn));
    return [
      ...accounts.map((arn) => stringProposal(arn, CompletionItemKind.Reference, { detail: 'an account named elsewhere in the policy' })),
      { label: 'arn:aws:iam::ACCOUNT:root', kind: CompletionItemKind.Reference, text: '"arn:aws:iam::${1:111122223333}:root"', snippet: true, detail: 'an AWS account' },
      { label: 'arn:aws:iam::ACCOUNT:role/…', kind: CompletionItemKind.Reference, text: '"arn:aws:iam::${1:111122223333}:role/${2:role-name}"', snippet: true, detail: 'an IAM role' },
      ...(present.has('*') ? [] : [stringProposal('*', CompletionItemKind.Value, { detail: 'everyone, anonymous users included' })]),
    ];
  }
  if (type === 'Service') {
    return SERVICE_PRINCIPALS.filter(([name]) => !present.has(name)).map(([name, detail]) => stringProposal(name, CompletionItemKind.Reference, { detail }));
  }
  return [];
}
