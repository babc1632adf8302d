/* S3 Bucket Policy — MIT License. */
/**
 * A request's principal as people write it (REQUEST.json of `s3-policy-lint simulate`, the editor's
 * *What if…*): "anonymous", an account ID, an IAM or STS ARN, or a service principal.
 */
import { splitArn } from '../arns';
import type { RequestPrincipal } from './types';

const ACCOUNT_ID = /^\d{12}$/;

/** What to write instead, for a principal that is none of the forms. */
export const PRINCIPAL_FORMS = '"anonymous", an account ID (111122223333), an IAM user or role ARN, an STS assumed-role or federated-user ARN, or a service principal (cloudfront.amazonaws.com)';

/** Reads a principal; undefined when the text is none of the forms. A role ARN stands for a session of the role. */
export function readRequestPrincipal(text: string): RequestPrincipal | undefined {
  if (text === 'anonymous' || text === '*') {
    return { kind: 'anonymous' };
  }
  if (ACCOUNT_ID.test(text)) {
    return { kind: 'accountRoot', account: text };
  }
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(text)) {
    return { kind: 'service', name: text };
  }
  const fields = splitArn(text);
  if (fields && ACCOUNT_ID.test(fields.account)) {
    if (fields.service === 'iam' && fields.resource === 'root') {
      return { kind: 'accountRoot', account: fields.account };
    }
    if (fields.service === 'iam' && fields.resource.startsWith('user/')) {
      return { kind: 'iamUser', arn: text };
    }
    if (fields.service === 'iam' && fields.resource.startsWith('role/')) {
      // A role never makes a request: one of its sessions does.
      const name = fields.resource.slice(fields.resource.lastIndexOf('/') + 1);
      return { kind: 'roleSession', arn: `arn:${fields.partition}:sts::${fields.account}:assumed-role/${name}/simulated-session`, roleArn: text };
    }
    if (fields.service === 'sts' && /^assumed-role\/[^/]+\/[^/]+$/.test(fields.resource)) {
      return { kind: 'roleSession', arn: text };
    }
    if (fields.service === 'sts' && fields.resource.startsWith('federated-user/')) {
      return { kind: 'federatedUser', arn: text };
    }
  }
  return undefined;
}
