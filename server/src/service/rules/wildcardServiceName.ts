/* S3 Bucket Policy — MIT License. */
import { actionTokens, hasWildcard } from './actionParts';
import type { Rule } from './rule';

/**
 * A wildcard in an action's service prefix (`s*:GetObject`, `*:GetObject`; Access Analyzer "Wildcard
 * in service name"). A bucket policy only governs S3 actions, so `s3` says the same thing plainly.
 * A prefix pattern that cannot match `s3` (`k*:Decrypt`) is nonS3Action's to report.
 */
export const wildcardServiceName: Rule = {
  id: 'wildcardServiceName',
  defaultSeverity: 'information',
  description: 'A wildcard in an action\'s service prefix (s*:GetObject); write s3 instead.',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const token of actionTokens(context.policy)) {
      if (!token.isS3 || !hasWildcard(token.prefix) || token.nameRange.length !== token.name.length) {
        continue;
      }
      const prefixRange = { offset: token.node.offset + 1, length: token.prefix.length };
      const fixed = `s3:${token.name}`;
      context.report(prefixRange, `The service prefix "${token.prefix}" holds a wildcard. A bucket policy only governs S3 actions, so write "${fixed}": it says the same and is clearer.`, {
        fixes: [{ title: `Change to "${fixed}"`, isPreferred: true, edits: [{ ...prefixRange, content: 's3' }] }],
      });
    }
  },
};
