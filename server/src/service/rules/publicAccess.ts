/* S3 Bucket Policy — MIT License. */
import { innerRange } from '../parser/nodeUtils';
import { everyonePrincipal } from '../principals';
import { describeAccess, grantedActions, restriction } from '../statementAccess';
import type { Rule } from './rule';

/**
 * An Allow to everyone (`"*"` or `{"AWS": "*"}`) without a condition that ties it to fixed callers
 * or networks: the bucket is public for what the statement grants. Follows S3's meaning of "public"
 * (a fixed aws:SourceIp range other than /0, aws:SourceVpc(e), aws:SourceArn/Account/Owner,
 * aws:PrincipalOrgID/Account/Arn, aws:userid, access-point delegation keys restrict; aws:Referer,
 * aws:SecureTransport and time keys do not). Allow with NotPrincipal is `allowWithNotPrincipal`'s.
 */
export const publicAccess: Rule = {
  id: 'publicAccess',
  defaultSeverity: 'warning',
  description: 'An Allow to everyone ("*") with no condition that restricts it to known callers or networks: public access.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      const everyone = everyonePrincipal(statement);
      if (statement.elements.Effect?.valueNode?.value !== 'Allow' || !everyone) {
        continue;
      }
      const { restricted, wildcardEntry } = restriction(statement);
      if (restricted) {
        continue;
      }
      const access = describeAccess(grantedActions(statement));
      if (access === '') {
        continue;
      }
      const everyAddress = wildcardEntry?.lowerKey === 'aws:sourceip'
        ? wildcardEntry.values.map((value) => String(value.value).trim()).find((value) => /\/0$/.test(value))
        : undefined;
      const why = everyAddress ? `lists ${everyAddress}, a range that covers every address, so it restricts nothing` : 'uses a wildcard, and S3 counts only fixed values as restricting';
      const because = wildcardEntry
        ? ` Its condition on ${wildcardEntry.key} ${why}: S3 treats this statement as public, and with Block Public Access on (the default) it refuses the policy.`
        : '';
      context.report(innerRange(everyone), `This statement makes the bucket public: anyone on the internet, without credentials, can ${access}.${because} If that is intended (a public website, say), keep it and confirm Block Public Access is off on purpose; otherwise name the principals, or add a condition such as aws:PrincipalOrgID, aws:SourceVpce or aws:SourceIp.`);
    }
  },
};
