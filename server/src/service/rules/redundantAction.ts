/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { matchS3Actions, S3Action } from '../data/awsData';
import { removeElementEdit } from '../edits/removeArrayElement';
import { stringNodes } from '../parser/nodeUtils';
import { hasWildcard } from './actionParts';
import type { Rule } from './rule';

interface ListedAction {
  node: Node;
  text: string;
  covers: ReadonlySet<S3Action>;
  /** The same for entries that name the same actions. */
  key: string;
}

/** True when every action of `inner` is in `outer`. */
function isSubset(inner: ReadonlySet<S3Action>, outer: ReadonlySet<S3Action>): boolean {
  for (const action of inner) {
    if (!outer.has(action)) {
      return false;
    }
  }
  return true;
}

/**
 * An action in an Action or NotAction list that another entry of the same list already covers
 * (Access Analyzer suggestion "Redundant action"): `s3:GetObject` next to `s3:Get*` or `s3:*`, or
 * the same action twice. Coverage is read from the S3 action data, case-insensitively; names that
 * match no S3 action are unknownAction's. When entries name the same actions, the last one is
 * reported. The fix removes the redundant entry.
 */
export const redundantAction: Rule = {
  id: 'redundantAction',
  defaultSeverity: 'information',
  description: 'An action another entry of the same list already covers (s3:GetObject next to s3:Get*).',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const statement of context.policy.statements) {
      for (const name of ['Action', 'NotAction']) {
        const list: ListedAction[] = stringNodes(statement.members.get(name)?.valueNode).map((node) => {
          const actions = matchS3Actions(String(node.value));
          return { node, text: String(node.value), covers: new Set(actions), key: actions.map((action) => action.name).join(',') };
        }).filter((entry) => entry.covers.size > 0);
        const wildcards = list.filter((entry) => hasWildcard(entry.text));
        const first = new Map<string, ListedAction>();
        const last = new Map<string, ListedAction>();
        for (const entry of list) {
          first.set(entry.key, first.get(entry.key) ?? entry);
          last.set(entry.key, entry);
        }
        // Of entries naming the same actions only the last is reported: removing an earlier one would leave an equal one in its place.
        for (const entry of list.filter((candidate) => last.get(candidate.key) === candidate)) {
          const earlier = first.get(entry.key);
          const cover = earlier !== entry ? earlier : wildcards.find((other) => other.covers.size > entry.covers.size && isSubset(entry.covers, other.covers));
          if (!cover) {
            continue;
          }
          const edit = removeElementEdit(entry.node);
          context.report(entry.node, `"${entry.text}" is already covered by "${cover.text}" in the same ${name} list, so it adds nothing. Remove it.`, {
            fixes: edit ? [{ title: `Remove the redundant "${entry.text}"`, isPreferred: true, edits: [edit] }] : [],
          });
        }
      }
    }
  },
};
