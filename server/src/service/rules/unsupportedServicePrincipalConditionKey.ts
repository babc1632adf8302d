/* S3 Bucket Policy — MIT License. */
import { outcomeWithoutKey } from '../conditions/keyOperators';
import { policyConditionEntries } from '../conditions/policyConditions';
import { memoizePerObject } from '../memoizePerObject';
import { innerRange } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
import { isServicePrincipalName, principalValues } from '../principals';
import type { Rule } from './rule';

/**
 * Global keys that a request made by an AWS service principal never carries, by their lowercased
 * name as the AWS data writes it, with why. Each is listed because the IAM User Guide ("AWS global
 * condition context keys", Availability) puts the key only in requests of a kind of caller a service
 * principal is not: an IAM user, a member of an organization, a role session. Keys the guide leaves
 * open for service principals (aws:PrincipalArn, the network keys, aws:referer, aws:UserAgent) are
 * not listed; docs/rules/unsupportedServicePrincipalConditionKey.md says why for each.
 */
const ABSENT_FOR_SERVICE_PRINCIPALS: ReadonlyMap<string, string> = new Map([
  ['aws:principalorgid', 'only the users, roles, federated users and root users of accounts in an AWS organization carry it, and a service principal is none of these'],
  ['aws:principalorgpaths', 'only the users, roles, federated users and root users of accounts in an AWS organization carry it, and a service principal is none of these'],
  ['aws:principaltag/${tagkey}', 'it holds the tags of the calling IAM user or role (or its session), and a service principal is neither'],
  ['aws:username', 'only IAM users have a user name in the request'],
  ['aws:multifactorauthpresent', 'it tells about MFA behind the temporary credentials of a role session or federated user, and a service principal is neither'],
  ['aws:multifactorauthage', 'it tells about MFA behind the temporary credentials of a role session or federated user, and a service principal is neither'],
  ['aws:tokenissuetime', 'it is the issue time of the temporary credentials of a role session or federated user, and a service principal is neither'],
  ['aws:assumedroot', 'only sessions started with sts:AssumeRoot carry it'],
  ['aws:federatedprovider', 'only sessions of roles assumed through an OIDC identity provider carry it'],
  ['aws:sourceidentity', 'only role sessions that had a source identity set carry it'],
  ['aws:chatbotsourcearn', 'only role sessions started by Amazon Q Developer in chat applications carry it'],
  ['aws:ec2instancesourcevpc', 'only requests signed with an EC2 instance role\'s credentials carry it'],
  ['aws:ec2instancesourceprivateipv4', 'only requests signed with an EC2 instance role\'s credentials carry it'],
  ['aws:calledvia', 'it lists the services that passed on an IAM user\'s or role\'s request with that caller\'s credentials, and a service principal calls as itself'],
  ['aws:calledviafirst', 'it names the first service that passed on an IAM user\'s or role\'s request with that caller\'s credentials, and a service principal calls as itself'],
  ['aws:calledvialast', 'it names the last service that passed on an IAM user\'s or role\'s request with that caller\'s credentials, and a service principal calls as itself'],
  ['aws:calledviaawsmcp', 'only requests an AWS MCP server passes on with an IAM user\'s or role\'s credentials carry it'],
]);

/**
 * The service principals of a statement whose Principal names nothing else: every principal a
 * well-formed `Service` value, no NotPrincipal. Undefined otherwise (`"*"`, AWS principals mixed in,
 * a malformed service, which invalidPrincipal reports). Computed once per statement.
 */
const servicePrincipalsOnly = memoizePerObject((statement: PolicyStatement): readonly string[] | undefined => {
  const principals = principalValues(statement);
  const onlyServices = principals.length > 0 && principals.every((principal) => principal.element === 'Principal'
    && principal.type === 'Service' && isServicePrincipalName(principal.value));
  return onlyServices ? [...new Set(principals.map((principal) => principal.value))] : undefined;
});

/** `"a"`, `"a" and "b"`, `"a", "b" and 2 more`. */
function serviceList(services: readonly string[]): string {
  const quoted = services.map((service) => `"${service}"`);
  if (quoted.length <= 2) {
    return quoted.join(' and ');
  }
  return `${quoted.slice(0, 2).join(', ')} and ${quoted.length - 2} more`;
}

/** What the missing key does to this statement: never true (an Allow grants nothing, a Deny never applies) or always true. */
function consequence(effect: unknown, outcome: 'always' | 'never' | undefined, them: string): string {
  if (outcome === 'never') {
    const result = effect === 'Allow' ? `, and the statement grants ${them} nothing` : effect === 'Deny' ? `, and the Deny never applies to ${them}` : '';
    return `The condition is therefore never true${result}.`;
  }
  if (outcome === 'always') {
    const result = effect === 'Allow' ? ': the Allow applies as if it were not there' : effect === 'Deny' ? `: the Deny applies to ${them} as if it were not there` : '';
    return `The condition is therefore always true for ${them} and restricts nothing${result}.`;
  }
  return 'The condition therefore never sees a value.';
}

/**
 * A global condition key that requests from an AWS service principal never carry (Access Analyzer
 * "Unsupported condition key for service principal"), in a statement whose every principal is a
 * service principal: `aws:PrincipalOrgID` with `{"Service": "cloudtrail.amazonaws.com"}`. The
 * condition is never true (an Allow grants nothing, a Deny never applies) or, with a negated
 * operator, IfExists or `Null: true`, always true. The key underlined; no fix, since the right
 * replacement (aws:SourceArn, aws:SourceAccount, aws:SourceOrgID) needs values only the author has.
 */
export const unsupportedServicePrincipalConditionKey: Rule = {
  id: 'unsupportedServicePrincipalConditionKey',
  defaultSeverity: 'error',
  description: 'A condition key that requests from an AWS service principal never carry (aws:PrincipalOrgID for cloudtrail.amazonaws.com): use aws:SourceArn, aws:SourceAccount or aws:SourceOrgID.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { statement, entry, key } of policyConditionEntries(context.policy)) {
      const why = key?.global ? ABSENT_FOR_SERVICE_PRINCIPALS.get(key.name.toLowerCase()) : undefined;
      const services = why === undefined ? undefined : servicePrincipalsOnly(statement);
      if (!services) {
        continue;
      }
      const them = services.length === 1 ? 'the service' : 'these services';
      const effect: unknown = statement.elements.Effect?.valueNode?.value;
      context.report(innerRange(entry.keyNode),
        `Requests from ${serviceList(services)} never carry "${entry.key}": ${why}. ${consequence(effect, outcomeWithoutKey(entry), them)} To restrict a service principal, use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths, which name the resource, account or organization the service acts for.`);
    }
  },
};
