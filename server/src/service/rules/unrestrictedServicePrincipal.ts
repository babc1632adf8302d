/* S3 Bucket Policy — MIT License. */
import { conditionEntries } from '../conditionEntries';
import { innerRange, stringNodes } from '../parser/nodeUtils';
import { isServicePrincipalName, principalValues } from '../principals';
import type { Rule } from './rule';

/** Keys that tie a service's access to your own resources or account (confused-deputy protection). */
const SOURCE_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/** Log-delivery prefixes that carry the account ID: `…/AWSLogs/111122223333/…` scopes the grant to that account's logs. */
const ACCOUNT_LOG_PATH = /^arn:[^:]+:s3:::[^/]+\/(?:.*\/)?AWSLogs\/\d{12}\//;

/**
 * An Allow to a service principal with no aws:SourceArn / aws:SourceAccount (or SourceOrgID /
 * SourceOrgPaths) condition (Access Analyzer "Restrict access to service principal"): any AWS
 * customer's use of that service could reach the bucket (the confused-deputy problem). A grant whose
 * every resource lies under `AWSLogs/<account-id>/` is already tied to that account and not reported.
 * A malformed service principal (`"cloudfront"`) is invalidPrincipal's alone.
 */
export const unrestrictedServicePrincipal: Rule = {
  id: 'unrestrictedServicePrincipal',
  defaultSeverity: 'warning',
  description: 'An AWS service is allowed access without an aws:SourceArn or aws:SourceAccount condition.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      if (statement.elements.Effect?.valueNode?.value !== 'Allow') {
        continue;
      }
      const services = principalValues(statement).filter((principal) => principal.element === 'Principal' && principal.type === 'Service'
        && (principal.value === '*' || isServicePrincipalName(principal.value)));
      if (services.length === 0 || conditionEntries(statement).some((entry) => SOURCE_KEYS.has(entry.lowerKey))) {
        continue;
      }
      const resources = stringNodes(statement.elements.Resource?.valueNode).map((node) => String(node.value));
      if (resources.length > 0 && resources.every((resource) => ACCOUNT_LOG_PATH.test(resource))) {
        continue;
      }
      for (const service of services) {
        context.report(innerRange(service.node), `"${service.value}" is allowed in with no aws:SourceArn or aws:SourceAccount condition, so this service could act on the bucket on behalf of any AWS customer (the "confused deputy" problem). Add a condition naming your resource or account, e.g. "Condition": {"StringEquals": {"aws:SourceAccount": "ACCOUNT-ID"}} or {"ArnLike": {"aws:SourceArn": "ARN-OF-THE-RESOURCE"}}.`);
      }
    }
  },
};
