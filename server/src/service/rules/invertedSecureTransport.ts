/* S3 Bucket Policy — MIT License. */
import { invertedEntries } from '../access/httpDenial';
import { replaceStringEdit } from '../edits/jsonEdits';
import { booleanValue } from '../secureTransport';
import type { Rule } from './rule';

/**
 * aws:SecureTransport the wrong way round: an Allow whose test holds only over plain HTTP grants
 * only over HTTP; a Deny whose only condition holds only over HTTPS refuses every HTTPS request (and
 * leaves HTTP alone). Which way a test reads is the access evaluator's answer for an HTTP and an
 * HTTPS request (`access/httpDenial.ts`): Bool `false`, a negated operator on `true`, StringEquals
 * `"false"` alike. The fix flips the value.
 */
export const invertedSecureTransport: Rule = {
  id: 'invertedSecureTransport',
  defaultSeverity: 'warning',
  description: 'An Allow conditioned on aws:SecureTransport = false, or a Deny on true: the HTTPS condition is inverted.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      const isAllow = statement.elements.Effect?.valueNode?.value === 'Allow';
      for (const entry of invertedEntries(statement)) {
        const node = entry.values[0];
        const flipped = booleanValue(entry) ? 'false' : 'true';
        const message = isAllow
          ? `This Allow applies only to requests over plain HTTP (aws:SecureTransport is false), so HTTPS requests get nothing from it and unencrypted ones do. Set it to "${flipped}", and deny plain HTTP in a separate Deny statement.`
          : `This Deny refuses requests made over HTTPS (aws:SecureTransport is true) and lets plain HTTP through: the opposite of an HTTPS-only policy. Set it to "${flipped}".`;
        context.report(node, message, {
          fixes: [{ title: `Change aws:SecureTransport to "${flipped}"`, isPreferred: true, edits: [replaceStringEdit(node, flipped)] }],
        });
      }
    }
  },
};
