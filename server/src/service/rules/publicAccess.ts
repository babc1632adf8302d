/* S3 Bucket Policy — MIT License. */
import { publicStatementReason } from '../access/publicPolicy';
import { conditionEntries } from '../conditionEntries';
import { parseIpRange } from '../conditions/ipRanges';
import { innerRange } from '../parser/nodeUtils';
import { everyonePrincipal } from '../principals';
import { describeAccess, grantedActions, restriction } from '../statementAccess';
import type { Rule } from './rule';

/**
 * An Allow to everyone (`"*"` or `{"AWS": "*"}`) without a condition that ties it to fixed callers
 * or networks: the bucket is public for what the statement grants. The verdict is the access
 * evaluator's (`access/publicPolicy.ts`, S3's meaning of "public": a fixed aws:SourceIp range of /8
 * or narrower, aws:SourceVpc(e), aws:SourceArn/Account/Owner, aws:PrincipalOrgID/Account, an
 * account-fixed aws:PrincipalArn, aws:userid restrict; aws:Referer, aws:SecureTransport and time
 * keys do not), so the squiggle and the access summary agree. Allow with NotPrincipal is
 * `allowWithNotPrincipal`'s.
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
      // The verdict is the access evaluator's (S3's meaning of "public"), so the squiggle and the access summary agree.
      if (publicStatementReason(statement) === undefined) {
        continue;
      }
      const { wildcardEntry } = restriction(statement);
      const access = describeAccess(grantedActions(statement));
      if (access === '') {
        continue;
      }
      // A source range broader than S3 allows (/8 for IPv4, /32 for IPv6) restricts nothing for S3.
      const sourceIp = conditionEntries(statement).find((entry) => entry.lowerKey === 'aws:sourceip');
      const broad = sourceIp?.values.map((value) => String(value.value).trim()).find((value) => {
        const range = parseIpRange(value);
        return range !== undefined && range.prefix < (range.version === 4 ? 8 : 32);
      });
      const explained = broad !== undefined ? sourceIp : wildcardEntry;
      const why = broad !== undefined
        ? `lists ${broad}, ${/\/0$/.test(broad) ? 'a range that covers every address, so it restricts nothing' : 'a range broader than S3 counts as restricting (/8 for IPv4, /32 for IPv6)'}`
        : 'uses a wildcard, and S3 counts only fixed values as restricting';
      const because = explained
        ? ` Its condition on ${explained.key} ${why}: S3 treats this statement as public, and with Block Public Access on (the default) it refuses the policy.`
        : '';
      context.report(innerRange(everyone), `This statement makes the bucket public: anyone on the internet, without credentials, can ${access}.${because} If that is intended (a public website, say), keep it and confirm Block Public Access is off on purpose; otherwise name the principals, or add a condition such as aws:PrincipalOrgID, aws:SourceVpce or aws:SourceIp.`);
    }
  },
};
