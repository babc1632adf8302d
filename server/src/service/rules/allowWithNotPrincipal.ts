/* S3 Bucket Policy — MIT License. */
import { describeAccess, grantedActions, restriction } from '../statementAccess';
import type { Rule } from './rule';

/**
 * Allow with NotPrincipal (Access Analyzer security warning "Allow with NotPrincipal"): the statement
 * grants to every principal except those listed, anonymous users included. When no condition
 * restricts it, the message also says what becomes public (`publicAccess` leaves this case here).
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
      const access = restriction(statement).restricted ? '' : describeAccess(grantedActions(statement));
      const exposure = access ? ` As written, anyone on the internet, without credentials, can ${access}.` : '';
      context.report(notPrincipal.keyNode, `"Allow" with "NotPrincipal" grants access to every principal except the ones listed, including anonymous users.${exposure} Use "Principal" with the principals that should have access; to exclude someone, add a Deny statement with a condition on aws:PrincipalArn.`);
    }
  },
};
