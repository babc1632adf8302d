/* S3 Bucket Policy — MIT License. */
import { actionNames, actionsWithoutKey, s3ActionsSupporting } from '../conditions/actionKeySupport';
import { outcomeWithoutKey } from '../conditions/keyOperators';
import { policyConditionEntries } from '../conditions/policyConditions';
import { ConditionEntry, conditionEntries } from '../conditionEntries';
import { conditionKey, ConditionKeyInfo, S3Action } from '../data/awsData';
import { renameKeyEdit } from '../edits/jsonEdits';
import { stringValue } from '../parser/nodeUtils';
import type { PolicyStatement } from '../parser/policyDocument';
import type { PolicyFix } from '../policyLanguageTypes';
import type { Rule } from './rule';

let tagKeys: ReadonlySet<ConditionKeyInfo> | undefined;

/** The global tag keys, as the AWS data knows them: `aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`. */
function globalTagKeys(): ReadonlySet<ConditionKeyInfo> {
  return (tagKeys ??= new Set(['aws:ResourceTag/tag', 'aws:RequestTag/tag', 'aws:TagKeys'].flatMap((name) => conditionKey(name) ?? [])));
}

/** Access levels of the actions that write or tag objects. */
const WRITES_OR_TAGS = /\b(Write|Tagging)\b/;

/** True for the actions that write or tag objects: they apply to objects, at the Write or Tagging access level. */
function writesOrTagsObjects(action: S3Action): boolean {
  return WRITES_OR_TAGS.test(action.accessLevel) && action.resourceTypes.some((type) => type.name === 'object');
}

/** Actions people recognise, named first among those that send a key. */
const FAMILIAR_ACTIONS = ['CreateBucket', 'CreateAccessPoint', 'TagResource', 'GetObject', 'PutObject', 'ListBucket'];

/** Up to three actions that send a key for a message, the familiar ones first. */
function examples(actions: ReadonlySet<S3Action>): string {
  const familiar = FAMILIAR_ACTIONS.flatMap((name) => [...actions].filter((action) => action.name === name));
  return actionNames([...new Set([...familiar, ...actions])]);
}

/**
 * The `s3:` key that object uploads and tagging requests send instead of a global request tag key,
 * with the same tag and type, as the AWS data knows it: `aws:RequestTag/project` →
 * `s3:RequestObjectTag/project`, `aws:TagKeys` → `s3:RequestObjectTagKeys`.
 */
function objectTagKey(entry: ConditionEntry, key: ConditionKeyInfo): { written: string; info: ConditionKeyInfo } | undefined {
  const lower = key.name.toLowerCase();
  const written = lower === 'aws:tagkeys' ? 's3:RequestObjectTagKeys'
    : lower.startsWith('aws:requesttag/') ? `s3:RequestObjectTag/${entry.key.slice(entry.key.indexOf('/') + 1)}` : undefined;
  const info = written === undefined ? undefined : conditionKey(written);
  return written !== undefined && info && !info.global && info.type === key.type ? { written, info } : undefined;
}

/** What the condition does for actions whose requests lack its key, in an Allow or a Deny. */
function consequence(effect: 'Allow' | 'Deny', outcome: 'always' | 'never' | undefined): string {
  if (outcome === 'never') {
    return effect === 'Allow' ? 'this condition is never true for them and the Allow grants none of them' : 'this condition is never true for them and the Deny never applies to them';
  }
  if (outcome === 'always') {
    return effect === 'Allow' ? 'this condition is always true for them and the Allow grants them without checking any tag' : 'this condition is always true for them and the Deny refuses all of their requests, whatever their tags';
  }
  return 'this condition cannot check their tags';
}

interface Advice {
  text: string;
  fixes: PolicyFix[];
}

/**
 * What to do: for an Action that lists object uploads or tagging, use the object tag key they send,
 * with a fix when every action of the statement that writes or tags objects sends it and the
 * operator has no such key yet; otherwise move the condition to actions that send the key.
 */
function advice(statement: PolicyStatement, entry: ConditionEntry, key: ConditionKeyInfo, actions: readonly S3Action[]): Advice {
  const moveIt = ` S3 sends it with ${examples(s3ActionsSupporting(key.name.toLowerCase()))}: move the condition to a statement with such actions, or remove it.`;
  const replacement = objectTagKey(entry, key);
  const sending = replacement ? s3ActionsSupporting(replacement.info.name.toLowerCase()) : new Set<S3Action>();
  const carriers = actions.filter((action) => sending.has(action));
  if (!replacement || carriers.length === 0) {
    return { text: moveIt, fixes: [] };
  }
  const what = key.type === 'ArrayOfString' ? 'tag keys' : 'tags';
  const objectKey = ` ${actionNames(carriers)} send${carriers.length === 1 ? 's' : ''} the object ${what} of the request as "${replacement.written}"`;
  if (statement.elements.NotAction !== undefined) {
    return { text: `${moveIt}${objectKey}.`, fixes: [] };
  }
  const others = actions.filter((action) => writesOrTagsObjects(action) && !sending.has(action));
  const move = others.length === 0 ? '' : `, and move ${actionNames(others)} to another statement (${others.length === 1 ? 'it sends' : 'they send'} no object ${what})`;
  const lowerWritten = replacement.written.toLowerCase();
  const taken = conditionEntries(statement).some((other) => other.operatorNode === entry.operatorNode && other.lowerKey === lowerWritten);
  const fixes = others.length > 0 || taken ? [] : [{ title: `Change to "${replacement.written}"`, isPreferred: true, edits: [renameKeyEdit(entry.keyNode, replacement.written)] }];
  return { text: `${objectKey}: use that key${move}.`, fixes };
}

/**
 * A global tag key (`aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`) that none of the
 * statement's S3 actions sends (Access Analyzer "Allow/Deny [NotAction] with unsupported tag
 * condition key for service"): `aws:RequestTag/project` on `s3:PutObject`, whose object tags come as
 * `s3:RequestObjectTag/project`. A wildcard or NotAction passes when any action it covers sends the
 * key. A warning on a Deny (it never applies, or, negated, always does) and on an Allow the condition
 * no longer restricts; information on an Allow that grants nothing.
 */
export const unsupportedTagConditionKey: Rule = {
  id: 'unsupportedTagConditionKey',
  defaultSeverity: 'warning',
  description: 'A tag key (aws:RequestTag/…, aws:TagKeys, aws:ResourceTag/…) that none of the statement\'s S3 actions sends: aws:RequestTag on s3:PutObject, whose tags are s3:RequestObjectTag.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const { statement, entry, key } of policyConditionEntries(context.policy)) {
      if (!key || !globalTagKeys().has(key)) {
        continue;
      }
      const effect = stringValue(statement.elements.Effect?.valueNode);
      if (effect !== 'Allow' && effect !== 'Deny') {
        continue;
      }
      const actions = actionsWithoutKey(statement, key.name.toLowerCase());
      if (!actions) {
        continue;
      }
      const outcome = outcomeWithoutKey(entry);
      const { text, fixes } = advice(statement, entry, key, actions);
      context.report(
        entry.keyNode,
        `None of this statement's actions (${actionNames(actions)}) sends "${entry.key}" in its requests, so ${consequence(effect, outcome)}.${text}`,
        { severity: effect === 'Deny' || outcome === 'always' ? 'warning' : 'information', fixes },
      );
    }
  },
};
