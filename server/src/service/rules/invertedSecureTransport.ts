/* S3 Bucket Policy — MIT License. */
import { replaceStringEdit } from '../edits/jsonEdits';
import { invertedSecureTransportConditions } from '../secureTransport';
import type { Rule } from './rule';

/**
 * aws:SecureTransport the wrong way round: an Allow conditioned on `false` grants only over plain
 * HTTP; a Deny whose only condition is `true` refuses every HTTPS request (and leaves HTTP alone).
 * The fix flips the value.
 */
export const invertedSecureTransport: Rule = {
  id: 'invertedSecureTransport',
  defaultSeverity: 'warning',
  description: 'An Allow conditioned on aws:SecureTransport = false, or a Deny on true: the HTTPS condition is inverted.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      const isAllow = statement.elements.Effect?.valueNode?.value === 'Allow';
      for (const entry of invertedSecureTransportConditions(statement)) {
        const node = entry.values[0];
        const flipped = isAllow ? 'true' : 'false';
        const message = isAllow
          ? 'This Allow applies only to requests over plain HTTP (aws:SecureTransport is false), so HTTPS requests get nothing from it and unencrypted ones do. Set it to "true", and deny plain HTTP in a separate Deny statement.'
          : 'This Deny refuses requests made over HTTPS (aws:SecureTransport is true) and lets plain HTTP through: the opposite of an HTTPS-only policy. Set it to "false".';
        context.report(node, message, {
          fixes: [{ title: `Change aws:SecureTransport to "${flipped}"`, isPreferred: true, edits: [replaceStringEdit(node, flipped)] }],
        });
      }
    }
  },
};
