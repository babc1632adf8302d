/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { outcomeWithoutKey } from '../conditions/keyOperators';
import { policyConditionEntries } from '../conditions/policyConditions';
import type { ConditionEntry } from '../conditionEntries';
import { conditionKey, conditionKeys } from '../data/awsData';
import { memoize } from '../data/memoize';
import { renameKeyEdit } from '../edits/jsonEdits';
import { hasMalformingPlaceholder } from '../placeholders';
import type { PolicyFix } from '../policyLanguageTypes';
import { closestNames, editDistance } from '../suggestions';
import type { Rule, RuleContext } from './rule';

/** The prefixes whose keys the data knows: the global keys and S3's. */
const KNOWN_PREFIXES = ['aws', 's3'] as const;

/**
 * Cross-service keys: other services' keys that requests to every service carry when the caller
 * uses that service's credentials (an EC2 instance role, a Lambda function, a Glue job, …). IAM
 * documents them with the global keys; the embedded data keeps only the `aws:` ones.
 */
const CROSS_SERVICE_KEYS: ReadonlySet<string> = new Set([
  'ec2:roledelivery', 'ec2:sourceinstancearn', 'glue:roleassumedby', 'glue:credentialissuingservice',
  'lambda:sourcefunctionarn', 'ssm:sourceinstancearn', 'identitystore:userid', 'codebuild:buildarn', 'codebuild:projectarn',
]);

function changeKey(keyNode: Node, name: string, isPreferred: boolean): PolicyFix {
  return { title: `Change to "${name}"`, isPreferred, edits: [renameKeyEdit(keyNode, name)] };
}

/** The fixed part of each templated key (`aws:ResourceTag`), lowercased, with the template's name as AWS writes it. */
const templatedBases = memoize((prefix: string): Map<string, string> => new Map(conditionKeys()
  .filter((key) => key.templated && key.name.toLowerCase().startsWith(`${prefix}:`))
  .map((key) => {
    const base = key.name.slice(0, key.name.indexOf('/'));
    return [base.toLowerCase(), base];
  })));

/** No condition key is longer: longer text gets no suggestions (nor a place in their cache). */
const MAX_KEY_LENGTH = 128;

/** The known keys closest to a mistyped one with the same prefix, only those as close as the closest. */
const suggestionsFor = memoize((typed: string): string[] => {
  const prefix = typed.slice(0, typed.indexOf(':')).toLowerCase();
  const slash = typed.indexOf('/');
  const names = slash > 0
    ? [...templatedBases(prefix).values()]
    : conditionKeys().filter((key) => !key.templated && key.name.toLowerCase().startsWith(`${prefix}:`)).map((key) => key.name);
  const head = slash > 0 ? typed.slice(0, slash) : typed;
  const candidates = closestNames(head, names);
  const distances = candidates.map((candidate) => editDistance(head.toLowerCase(), candidate.toLowerCase(), head.length));
  const best = Math.min(...distances);
  return candidates.filter((_, index) => distances[index] === best).map((candidate) => candidate + (slash > 0 ? typed.slice(slash) : ''));
});

/** What a condition on a key that requests never carry does, in words. */
function effectOfAbsentKey(entry: ConditionEntry): string {
  const outcome = outcomeWithoutKey(entry);
  if (outcome === 'never') {
    return ', so this condition is never true';
  }
  return outcome === 'always' ? ', so this condition is always true and restricts nothing' : '';
}

function didYouMean(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(' or ')}?` : '';
}

function reportUnknown(context: RuleContext, entry: ConditionEntry, prefix: string): void {
  const { key, keyNode } = entry;
  const lower = key.toLowerCase();
  if (lower === 'aws:arn') {
    context.report(keyNode, `"${key}" is deprecated and no longer supported, so this condition never sees a value. Use "aws:PrincipalArn" for the caller's ARN, or "aws:SourceArn" for the resource a service acts for.`, {
      fixes: [changeKey(keyNode, 'aws:PrincipalArn', false), changeKey(keyNode, 'aws:SourceArn', false)],
    });
    return;
  }
  const slash = lower.indexOf('/');
  const base = templatedBases(prefix).get(slash < 0 ? lower : lower.slice(0, slash));
  if (base !== undefined && (slash < 0 || slash === lower.length - 1)) {
    context.report(keyNode, `"${key}" needs the tag key after a slash, such as "${base}/team": on its own it names no tag, and S3 does not know it.`);
    return;
  }
  const suggestions = key.length > MAX_KEY_LENGTH ? [] : suggestionsFor(key);
  const what = prefix === 'aws' ? 'a global condition key' : 'an S3 condition key';
  context.report(keyNode, `"${key}" is not ${what}; requests never carry it${effectOfAbsentKey(entry)}.${didYouMean(suggestions)}`, {
    fixes: suggestions.map((suggestion) => changeKey(keyNode, suggestion, suggestions.length === 1)),
  });
}

/** A key of another service (`kms:ViaService`): it exists, but requests to S3 never carry it. */
function reportOtherService(context: RuleContext, entry: ConditionEntry, prefix: string, name: string): void {
  const { key, keyNode } = entry;
  const intended = KNOWN_PREFIXES.map((known) => conditionKey(`${known}:${name}`)?.name).find((found) => found !== undefined);
  const nearPrefix = intended !== undefined && editDistance(prefix.toLowerCase(), intended.slice(0, intended.indexOf(':')), 1) <= 1;
  const hint = intended === undefined ? ' Remove it, or put the condition in a policy of that service.' : ` Did you mean "${intended}"?`;
  context.report(keyNode, `"${key}" is not an S3 or global condition key: requests to S3 never carry "${prefix}:" keys${effectOfAbsentKey(entry)}.${hint}`, {
    severity: 'warning',
    fixes: intended === undefined ? [] : [changeKey(keyNode, intended, nearPrefix)],
  });
}

function checkKey(context: RuleContext, entry: ConditionEntry): void {
  const { key, keyNode } = entry;
  if (CROSS_SERVICE_KEYS.has(key.toLowerCase()) || hasMalformingPlaceholder(key)) {
    return;
  }
  const trimmed = key.trim();
  if (trimmed !== key && trimmed !== '') {
    const known = conditionKey(trimmed);
    context.report(keyNode, `"${key}" has spaces around it; condition keys have none, so S3 does not know this one.${known ? ` Write "${trimmed}".` : ''}`, {
      fixes: known ? [changeKey(keyNode, trimmed, true)] : [],
    });
    return;
  }
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    const intended = colon < 0 ? KNOWN_PREFIXES.map((prefix) => conditionKey(`${prefix}:${key}`)?.name).find((found) => found !== undefined) : undefined;
    context.report(keyNode, `"${key}" is not a condition key: keys are written service:name, such as "aws:SourceIp" or "s3:prefix".${intended ? ` Did you mean "${intended}"?` : ''}`, {
      fixes: intended ? [changeKey(keyNode, intended, true)] : [],
    });
    return;
  }
  const prefix = key.slice(0, colon).toLowerCase();
  if ((KNOWN_PREFIXES as readonly string[]).includes(prefix)) {
    reportUnknown(context, entry, prefix);
  } else {
    reportOtherService(context, entry, key.slice(0, colon), key.slice(colon + 1));
  }
}

/**
 * A condition key that S3 requests never carry (Access Analyzer "Invalid global condition key",
 * "Invalid service condition key", "Invalid condition key format", "Missing tag key in condition",
 * "Unsupported global condition key" / "Deprecated global condition key"): a misspelt `aws:` or
 * `s3:` key, with did-you-mean fixes; `aws:ARN`; a tag key without its tag (`aws:ResourceTag`); a key
 * not written service:name; a key of another service (`kms:ViaService`, a warning). Key names are
 * case-insensitive, so `AWS:SourceArn` is fine; template text (`<condition-key>`) is placeholder's.
 */
export const unknownConditionKey: Rule = {
  id: 'unknownConditionKey',
  defaultSeverity: 'error',
  description: 'A condition key that does not exist (aws:SecureTransprot, s3:prefx, aws:ResourceTag without a tag) or that S3 requests never carry (kms:ViaService).',
  runsOnBrokenDocuments: true,
  check(context) {
    for (const { entry, key } of policyConditionEntries(context.policy)) {
      if (!key) {
        checkKey(context, entry);
      }
    }
  },
};
