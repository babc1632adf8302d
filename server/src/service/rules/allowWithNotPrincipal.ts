/* S3 Bucket Policy — MIT License. */
import { matchPrincipal } from '../access/principalMatch';
import { publicStatementReason } from '../access/publicPolicy';
import { describeAccess, grantedActions } from '../statementAccess';
import type { Rule } from './rule';

/**
 * Allow with NotPrincipal (Access Analyzer security warning "Allow with NotPrincipal"): the statement
 * grants to every principal except those listed, anonymous users included. Whom it allows is the
 * access evaluator's principal matching (EVALUATION-FACTS §2.3): an anonymous request matches every
 * NotPrincipal but one that lists everyone ("*"), which grants to no one (and AWS supports
 * NotPrincipal only with Deny, so that one is reported too, as granting nothing). When no condition restricts
 * it in S3's meaning of "public" (`access/publicPolicy.ts`, as `publicAccess` and the access summary
 * read it), the message also says what becomes public (`publicAccess` leaves this case here).
 */
export const allowWithNotPrincipal: Rule = {
  id: 'allowWithNotPrincipal',
  defaultSeverity: 'warning',
  description: 'Allow with NotPrincipal grants to everyone except the listed principals, anonymous users included.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      const notPrincipal = statement.elements.NotPrincipal;
      if (!notPrincipal || statement.elements.Effect?.valueNode?.value !== 'Allow') {
        continue;
      }
      if (matchPrincipal(statement, { kind: 'anonymous' }, undefined, false).applies === 'no') {
        context.report(notPrincipal.keyNode, '"Allow" with "NotPrincipal" grants access to every principal except the ones listed; this one lists everyone, so the statement grants nothing, and AWS supports "NotPrincipal" only with "Deny". Use "Principal" with the principals that should have access.');
        continue;
      }
      const access = publicStatementReason(statement) === undefined ? '' : describeAccess(grantedActions(statement));
      const exposure = access ? ` As written, anyone on the internet, without credentials, can ${access}.` : '';
      context.report(notPrincipal.keyNode, `"Allow" with "NotPrincipal" grants access to every principal except the ones listed, including anonymous users.${exposure} Use "Principal" with the principals that should have access; to exclude someone, add a Deny statement with a condition on aws:PrincipalArn.`);
    }
  },
};
