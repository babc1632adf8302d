/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { matchS3Actions, S3Action } from '../data/awsData';
import { memoize } from '../data/memoize';
import { removeElementEdit } from '../edits/removeArrayElement';
import { stringNodes } from '../parser/nodeUtils';
import { hasWildcard } from './actionParts';
import type { Rule } from './rule';
import { ACTION_ELEMENTS } from '../parser/policyDocument';

interface ListedAction {
  node: Node;
  text: string;
  coverage: ActionCoverage;
}

/** The S3 actions an Action entry names, and a key that is the same for entries naming the same actions. */
interface ActionCoverage {
  covers: ReadonlySet<S3Action>;
  key: string;
}

const actionCoverage = memoize((text: string): ActionCoverage => {
  const actions = matchS3Actions(text);
  return { covers: new Set(actions), key: actions.map((action) => action.name).join(',') };
});

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
      for (const name of ACTION_ELEMENTS) {
        const element = statement.elements[name]?.valueNode;
        // One entry cannot repeat another: nearly every element is skipped here, before any lookup.
        if (element?.type !== 'array' || (element.children?.length ?? 0) < 2) {
          continue;
        }
        const nodes = stringNodes(element);
        const list: ListedAction[] = [];
        for (const node of nodes) {
          const coverage = actionCoverage(String(node.value));
          if (coverage.covers.size > 0) {
            list.push({ node, text: String(node.value), coverage });
          }
        }
        const wildcards = list.filter((entry) => hasWildcard(entry.text));
        const first = new Map<string, ListedAction>();
        const last = new Map<string, ListedAction>();
        for (const entry of list) {
          first.set(entry.coverage.key, first.get(entry.coverage.key) ?? entry);
          last.set(entry.coverage.key, entry);
        }
        // Of entries naming the same actions only the last is reported: removing an earlier one would leave an equal one in its place.
        for (const entry of list) {
          if (last.get(entry.coverage.key) !== entry) {
            continue;
          }
          const earlier = first.get(entry.coverage.key);
          const { covers } = entry.coverage;
          const cover = earlier !== entry ? earlier : wildcards.find((other) => other.coverage.covers.size > covers.size && isSubset(covers, other.coverage.covers));
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
