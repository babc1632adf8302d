/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { arnFieldOffset, replaceArnField, splitArn } from '../arns';
import { hasMalformingPlaceholder } from '../placeholders';
import { IAM_UNIQUE_ID, isServicePrincipalName, principalValues } from '../principals';
import { partitionProblem, reportValueProblems, ValueProblem } from '../valueProblems';
import { isInPrincipal } from './schemaProblems';
import type { Rule } from './rule';

const ACCOUNT_ID = /^\d{12}$/;
const CANONICAL_USER_ID = /^[0-9a-f]{64}$/i;
/** The usual well-formed IAM principal ARN, accepted without the field-by-field reading. */
const PLAIN_IAM_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|(user|role)\/[\w+=,.@/-]+)$/;
/** The resource of the legacy CloudFront origin access identity principal, with the OAI ID (if any) captured. */
const LEGACY_OAI = /^user\/CloudFront Origin Access Identity(?: (.*))?$/;
const OAI_ID = /^[A-Z0-9]+$/;
const SERVICE_NAME_ONLY = /^[a-z0-9][a-z0-9-]*$/;

function trimProblem(value: string, what: string): ValueProblem | undefined {
  return value.trim() === value ? undefined : { message: `This ${what} has spaces around it, so it matches nothing.`, index: 0, length: value.length, repair: (current) => current.trim() };
}

function wildcardProblem(value: string): ValueProblem | undefined {
  const index = value.search(/[*?]/);
  return index < 0 ? undefined : {
    message: `A wildcard cannot match part of a principal: S3 rejects "${value}". Name each principal, or use "Principal": "*" with an ArnLike condition on aws:PrincipalArn.`,
    index,
    length: 1,
  };
}

function iamArnProblems(value: string): ValueProblem[] {
  const fields = splitArn(value);
  if (!fields) {
    const parts = value.split(':');
    const repair = parts.length === 5 && /^iam$/i.test(parts[2]) && ACCOUNT_ID.test(parts[3])
      ? (current: string) => { const p = current.split(':'); return [p[0], p[1], p[2], '', ...p.slice(3)].join(':'); }
      : undefined;
    return [{ message: `This ARN has too few fields: an IAM principal ARN reads arn:aws:iam::ACCOUNT-ID:root (or :role/NAME, :user/NAME).`, index: 0, length: value.length, repair }];
  }
  const { partition, service, region, account, resource } = fields;
  const problems = [partitionProblem(partition)].filter((problem): problem is ValueProblem => problem !== undefined);
  const lowerService = service.toLowerCase();
  if (lowerService !== 'iam' && lowerService !== 'sts') {
    problems.push({ message: `A principal ARN is an IAM ARN (arn:aws:iam::…); "${service}" ARNs name resources, not principals.`, index: arnFieldOffset(value, 2), length: service.length });
    return problems;
  }
  if (service !== lowerService) {
    problems.push({ message: `The service in an ARN is lowercase: "${lowerService}".`, index: arnFieldOffset(value, 2), length: service.length, repair: replaceArnField(2, lowerService) });
  }
  if (region !== '') {
    problems.push({ message: 'IAM ARNs have no Region field: leave it empty (two colons).', index: arnFieldOffset(value, 3), length: region.length, repair: replaceArnField(3, '') });
  }
  const oai = account === 'cloudfront' ? LEGACY_OAI.exec(resource) : null;
  if (oai) {
    const id = (oai[1] ?? '').trim();
    if (!OAI_ID.test(id)) {
      const example = 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL';
      problems.push({
        message: id === ''
          ? `The origin access identity ID is missing: the legacy CloudFront OAI principal reads ${example}, with the ID of your OAI (shown in the CloudFront console) after the last space.`
          : `"${id}" is not a CloudFront origin access identity ID: those are capital letters and digits, as in ${example}.`,
        index: arnFieldOffset(value, 5),
        length: resource.length,
      });
    }
    return problems;
  }
  if (!ACCOUNT_ID.test(account)) {
    problems.push({ message: `The account in a principal ARN is a 12-digit AWS account ID; "${account}" is not.`, index: arnFieldOffset(value, 4), length: account.length });
  }
  problems.push(...resourceProblems(value, lowerService, resource));
  return problems;
}

function resourceProblems(value: string, service: string, resource: string): ValueProblem[] {
  const index = arnFieldOffset(value, 5);
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const name = slash < 0 ? '' : resource.slice(slash + 1);
  const lowerType = type.toLowerCase();
  const recase = (wanted: string): ValueProblem | undefined => (type === wanted ? undefined : {
    message: `"${type}" is written in lowercase: "${wanted}".`,
    index,
    length: type.length,
    repair: (current) => { const at = arnFieldOffset(current, 5); return current.slice(0, at) + wanted + current.slice(at + type.length); },
  });
  if (lowerType === 'root' && slash < 0) {
    return [recase('root')].filter((problem): problem is ValueProblem => problem !== undefined);
  }
  if (lowerType === 'group') {
    return [{ message: 'An IAM group cannot be a principal: S3 rejects it. Name the users or roles, or the account with a condition on aws:PrincipalArn.', index, length: resource.length }];
  }
  const expected = lowerType === 'assumed-role' || lowerType === 'federated-user' ? 'sts' : 'iam';
  if (['user', 'role', 'assumed-role', 'federated-user'].includes(lowerType) && name.trim() !== '') {
    const problems = [recase(lowerType)].filter((problem): problem is ValueProblem => problem !== undefined);
    if (service !== expected) {
      const serviceIndex = arnFieldOffset(value, 2);
      problems.push({ message: `${lowerType === 'assumed-role' || lowerType === 'federated-user' ? 'Sessions' : 'Users and roles'} have "${expected}" ARNs: arn:aws:${expected}::ACCOUNT-ID:${lowerType}/….`, index: serviceIndex, length: service.length, repair: replaceArnField(2, expected) });
    }
    if (lowerType === 'assumed-role' && !name.includes('/')) {
      problems.push({ message: 'An assumed-role ARN names the role and the session: assumed-role/ROLE-NAME/SESSION-NAME.', index, length: resource.length });
    }
    return problems;
  }
  return [{ message: `"${resource}" is not a principal: after the account comes root, user/NAME, role/NAME or (with sts) assumed-role/ROLE/SESSION.`, index, length: resource.length }];
}

function awsProblems(value: string): ValueProblem[] {
  const trimmed = value.trim();
  const spaces = trimProblem(value, 'principal');
  if (spaces && (ACCOUNT_ID.test(trimmed) || (trimmed.startsWith('arn:') && iamArnProblems(trimmed).length === 0))) {
    return [spaces];
  }
  const wildcard = wildcardProblem(value);
  if (wildcard) {
    return [wildcard];
  }
  if (/^[\d\s-]+$/.test(value)) {
    const digits = value.replace(/\D/g, '');
    return [{
      message: `An AWS account ID has exactly 12 digits; "${value}" has ${digits.length}${digits.length === 12 ? ' and separators' : ''}.`,
      index: 0,
      length: value.length,
      repair: digits.length === 12 ? () => digits : undefined,
    }];
  }
  if (/^arn:/i.test(value)) {
    const problems = value.startsWith('arn:') ? [] : [{ message: 'An ARN starts with lowercase "arn:".', index: 0, length: 3, repair: (current: string) => `arn${current.slice(3)}` }];
    return [...problems, ...iamArnProblems(`arn${value.slice(3)}`)];
  }
  if (/^A[KS]IA[A-Z0-9]{12,}$/.test(value)) {
    return [{ message: 'This is an access key ID, not a principal. Name the user or role that owns it by ARN (arn:aws:iam::ACCOUNT-ID:user/NAME).', index: 0, length: value.length }];
  }
  if (CANONICAL_USER_ID.test(value)) {
    return [{ message: 'This is a canonical user ID: list it under "CanonicalUser", not "AWS".', index: 0, length: value.length }];
  }
  return [{ message: `"${value}" is not an AWS principal: use a 12-digit account ID or an IAM ARN such as arn:aws:iam::ACCOUNT-ID:role/NAME.`, index: 0, length: value.length }];
}

function serviceProblems(value: string): ValueProblem[] {
  const trimmed = value.trim();
  const spaces = trimProblem(value, 'service principal');
  if (spaces && isServicePrincipalName(trimmed)) {
    return [spaces];
  }
  const wildcard = wildcardProblem(value);
  if (wildcard) {
    return [wildcard];
  }
  const lower = trimmed.toLowerCase();
  if (isServicePrincipalName(lower)) {
    return [{ message: `Service principals are lowercase: "${lower}".`, index: 0, length: value.length, repair: () => lower }];
  }
  if (SERVICE_NAME_ONLY.test(lower)) {
    return [{ message: `A service principal is a host name such as "${lower}.amazonaws.com", not the bare service name.`, index: 0, length: value.length, repair: () => `${lower}.amazonaws.com` }];
  }
  if (lower.startsWith('arn:')) {
    return [{ message: 'An ARN is not a service principal: list ARNs under "AWS", and services by host name (e.g. "logging.s3.amazonaws.com") under "Service".', index: 0, length: value.length }];
  }
  return [{ message: `"${value}" is not a service principal: they read SERVICE.amazonaws.com, such as "cloudfront.amazonaws.com" or "logging.s3.amazonaws.com".`, index: 0, length: value.length }];
}

function canonicalUserProblems(value: string): ValueProblem[] {
  const spaces = trimProblem(value, 'canonical user ID');
  if (spaces && CANONICAL_USER_ID.test(value.trim())) {
    return [spaces];
  }
  return [{ message: `A canonical user ID is 64 hexadecimal characters; "${value}" is not one. (For a CloudFront origin access identity you may also write {"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID"}.)`, index: 0, length: value.length }];
}

/** True for a principal in its usual correct form; other types (Federated) are not this rule's. */
function isWellFormed(type: string, value: string): boolean {
  switch (type) {
    case 'AWS':
      return ACCOUNT_ID.test(value) || PLAIN_IAM_ARN.test(value);
    case 'Service':
      return isServicePrincipalName(value);
    case 'CanonicalUser':
      return CANONICAL_USER_ID.test(value);
    default:
      return true;
  }
}

/**
 * A principal in a form S3 rejects (Access Analyzer "Invalid principal format", "Unsupported wildcard
 * in principal", "Invalid service principal format", "Invalid ARN account"): a bare string other
 * than "*", an account ID that is not 12 digits, a malformed IAM ARN, a partial wildcard, a service
 * principal that is not a host name, a canonical user ID that is not 64 hex digits. Values holding
 * template text are `placeholder`'s; IAM unique IDs are `principalUniqueId`'s; Federated is
 * `unsupportedPrincipalType`'s.
 */
export const invalidPrincipal: Rule = {
  id: 'invalidPrincipal',
  defaultSeverity: 'error',
  description: 'A principal is malformed: a bare string other than "*", an account ID that is not 12 digits, a bad ARN, a partial wildcard.',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const problem of context.schemaProblems()) {
      if (problem.kind !== 'valueNotAllowed' || !isInPrincipal(problem) || problem.node.type !== 'string') {
        continue;
      }
      const value = String(problem.node.value);
      const fixes = [];
      if (ACCOUNT_ID.test(value) || value.startsWith('arn:')) {
        fixes.push({ title: `Change to {"AWS": "${value}"}`, isPreferred: true, edits: [{ offset: problem.node.offset, length: problem.node.length, content: `{"AWS": ${JSON.stringify(value)}}` }] });
      } else if (value.trim() === '*') {
        fixes.push({ title: 'Change to "*"', isPreferred: true, edits: [replaceStringEdit(problem.node, '*')] });
      }
      context.report(problem.node, `A principal given as a plain string must be "*" (everyone); "${value}" is rejected. Name specific principals in an object, such as {"AWS": "arn:aws:iam::ACCOUNT-ID:root"} or {"Service": "logging.s3.amazonaws.com"}.`, { fixes });
    }
    for (const statement of context.policy.statements) {
      for (const principal of principalValues(statement)) {
        const { type, value, node } = principal;
        // Well-formed values (nearly all) are settled by one regular expression.
        if (type === '*' || value === '*' || isWellFormed(type, value) || IAM_UNIQUE_ID.test(value) || hasMalformingPlaceholder(value)) {
          continue;
        }
        const problems = type === 'AWS' ? awsProblems(value) : type === 'Service' ? serviceProblems(value) : type === 'CanonicalUser' ? canonicalUserProblems(value) : [];
        reportValueProblems(context, node, problems, (fixed) => `Change to "${fixed}"`);
      }
    }
  },
};
