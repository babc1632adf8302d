/* S3 Bucket Policy — MIT License. */
import type { Rule } from './rule';

/**
 * A file named explicitly on the command line that is not a bucket policy. The CLI reports it
 * through `describeNonPolicy`; the editor never lints such files, so `check` has nothing to do.
 */
export const notAPolicy: Rule = {
  id: 'notAPolicy',
  defaultSeverity: 'error',
  description: 'A file given to the CLI is not a bucket policy (e.g. a bare statement or the get-bucket-policy wrapper).',
  runsOnBrokenDocuments: true,
  check() {
    return;
  },
};
