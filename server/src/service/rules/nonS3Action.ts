/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { matchS3Actions } from '../data/awsData';
import { replaceStringEdit } from '../edits/jsonEdits';
import { removeElementEdit } from '../edits/removeArrayElement';
import type { PolicyFix } from '../policyLanguageTypes';
import { editDistance } from '../suggestions';
import { actionTokens, ActionToken, hasWildcard } from './actionParts';
import type { Rule } from './rule';

/** The fix that removes one element of an array, when it is in an array with others. */
function removeElementFix(node: Node, value: string): PolicyFix[] {
  const edit = removeElementEdit(node);
  return edit ? [{ title: `Remove "${value}"`, isPreferred: false, edits: [edit] }] : [];
}

function message(token: ActionToken, s3Spelling: string | undefined): string {
  if (token.prefix.toLowerCase() === 'arn') {
    return `"${token.value}" looks like a resource ARN, not an action. Put ARNs in Resource; Action lists S3 actions such as "s3:GetObject".`;
  }
  if (s3Spelling) {
    return `"${token.prefix}" is not the S3 service prefix, so "${token.value}" matches no S3 action. Write "${s3Spelling}".`;
  }
  return `"${token.value}" is not an Amazon S3 action: a bucket policy can only grant or deny S3 actions (s3:…), and S3 rejects a policy that names another service's actions. `
    + `Grant ${hasWildcard(token.prefix) ? 'those' : token.prefix} permissions in that service's own policy or in an IAM policy, and remove this entry.`;
}

/**
 * An action of another service in a bucket policy (`kms:Decrypt`, `iam:PassRole`): S3 rejects the
 * policy (Access Analyzer "Unsupported action in policy"). A mistyped prefix in front of an S3 action
 * name (`s4:GetObject`) gets a fix to `s3:`; otherwise the fix removes the entry from its list.
 */
export const nonS3Action: Rule = {
  id: 'nonS3Action',
  defaultSeverity: 'error',
  description: 'An action of another AWS service (kms:Decrypt, iam:PassRole) in a bucket policy, which governs only S3 actions.',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const token of actionTokens(context.policy)) {
      if (token.isS3 || token.prefix.length === 0) {
        continue;
      }
      const nearS3 = editDistance(token.prefix.toLowerCase(), 's3', 1) <= 1;
      const s3Spelling = nearS3 && token.name.length > 0 && matchS3Actions(token.name).length > 0 ? `s3:${token.name}` : undefined;
      const fixes = s3Spelling ? [{ title: `Change to "${s3Spelling}"`, isPreferred: true, edits: [replaceStringEdit(token.node, s3Spelling)] }] : removeElementFix(token.node, token.value);
      context.report(token.node, message(token, s3Spelling), { fixes });
    }
  },
};
