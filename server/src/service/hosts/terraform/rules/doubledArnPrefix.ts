/* S3 Bucket Policy — MIT License. */
import type { TerraformRule } from './terraformRule';

/** An ARN prefix written before an interpolation that is an ARN already: `arn:aws:s3:::${aws_s3_bucket.b.arn}`. */
const DOUBLED = /arn:aws[\w-]*:s3:::(\$\{\s*[\w.[\]"-]+\.arn\s*\})/g;

/**
 * `"arn:aws:s3:::${aws_s3_bucket.b.arn}/*"`: the bucket's `arn` attribute is a whole ARN, so the
 * policy names `arn:aws:s3:::arn:aws:s3:::…` and S3 rejects it ("Policy has invalid resource").
 * The fix removes the written prefix.
 */
export const terraformDoubledArnPrefix: TerraformRule = {
  id: 'terraformDoubledArnPrefix',
  defaultSeverity: 'error',
  description: 'An ARN prefix is written before an interpolation that is already an ARN (arn:aws:s3:::${aws_s3_bucket.b.arn}).',
  check({ text }, report) {
    for (const match of text.matchAll(DOUBLED)) {
      const prefixLength = match[0].length - match[1].length;
      report({
        offset: match.index,
        length: match[0].length,
        message: `${match[1]} is already a whole ARN (arn:aws:s3:::NAME), so this names "arn:aws:s3:::arn:aws:s3:::…" and S3 rejects the policy ("Policy has invalid resource"). Remove the written "${match[0].slice(0, prefixLength)}".`,
        fixes: [{ title: `Remove the ARN prefix before ${match[1]}`, isPreferred: true, edits: [{ offset: match.index, length: prefixLength, content: '' }] }],
      });
    }
  },
};
