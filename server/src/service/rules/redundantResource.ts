/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { httpOnlyDenies } from '../access/httpDenial';
import { removeElementEdit } from '../edits/removeArrayElement';
import { stringNodes } from '../parser/nodeUtils';
import { PolicyStatement, RESOURCE_ELEMENTS } from '../parser/policyDocument';
import { hasWildcard } from './actionParts';
import type { Rule } from './rule';

/** The resources that cover every resource of a bucket policy. */
const COVERS_EVERYTHING = new Set(['*', 'arn:aws:s3:::*']);

/** Longer values are left alone, so the quadratic comparison stays cheap. */
const MAX_COMPARED_LENGTH = 2048;

/**
 * True when every text wildcard pattern `inner` matches is also matched by `outer` (`*` any run of
 * characters, `?` one). A star of `inner` is only covered by a star of `outer`, a `?` of `inner` by a
 * `?` or a star: sound, so it never claims coverage that does not hold.
 */
function patternCovers(outer: string, inner: string): boolean {
  // covered[j]: outer's first i characters cover inner's first j characters.
  let covered = Array.from({ length: inner.length + 1 }, (_, j) => j === 0);
  for (const symbol of outer) {
    const next = covered.map(() => false);
    for (let j = 0; j <= inner.length; j += 1) {
      if (symbol === '*') {
        next[j] = covered[j] || (j > 0 && next[j - 1]);
      } else if (j > 0) {
        const innerSymbol = inner[j - 1];
        const matches = symbol === '?' ? innerSymbol !== '*' : innerSymbol === symbol;
        next[j] = covered[j - 1] && matches;
      }
    }
    covered = next;
  }
  return covered[inner.length];
}

/** The literal text of a pattern before its first wildcard, and after its last. */
function literalEnds(pattern: string): { head: string; tail: string } {
  const first = pattern.search(/[*?]/);
  if (first < 0) {
    return { head: pattern, tail: '' };
  }
  const last = Math.max(pattern.lastIndexOf('*'), pattern.lastIndexOf('?'));
  return { head: pattern.slice(0, first), tail: pattern.slice(last + 1) };
}

/** True when ARN pattern `outer` covers `inner`, field by field: a wildcard before the resource part stays inside its field. */
function arnCovers(outer: string, inner: string): boolean {
  if (outer === '*') {
    return true;
  }
  // Literal characters of `outer` match themselves only: its text before the first and after the last
  // wildcard must start and end `inner`. Most pairs fail here, without splitting into fields.
  const literal = literalEnds(outer);
  if (!inner.startsWith(literal.head) || !inner.endsWith(literal.tail) || inner.length < literal.head.length + literal.tail.length) {
    return false;
  }
  const outerFields = outer.split(':');
  const innerFields = inner.split(':');
  if (outerFields.length < 6 || innerFields.length < 6) {
    return false;
  }
  const head = (fields: string[]) => [...fields.slice(0, 5), fields.slice(5).join(':')];
  const innerHead = head(innerFields);
  return head(outerFields).every((field, index) => patternCovers(field, innerHead[index]));
}

/** Lists up to this long are searched for equal entries pair by pair, which allocates no index. */
const PAIRWISE_LIMIT = 16;

/**
 * For each entry of a list, the first entry equal to it (itself when none comes before), or
 * undefined when a later entry equals it. Pair by pair in short lists, by value in long ones.
 */
function firstEquals(nodes: readonly Node[]): (Node | undefined)[] {
  if (nodes.length > PAIRWISE_LIMIT) {
    const first = new Map<unknown, Node>();
    const last = new Map<unknown, Node>();
    for (const node of nodes) {
      first.set(node.value, first.get(node.value) ?? node);
      last.set(node.value, node);
    }
    return nodes.map((node) => (last.get(node.value) === node ? first.get(node.value) : undefined));
  }
  return nodes.map((node, index) => {
    for (let later = index + 1; later < nodes.length; later++) {
      if (nodes[later].value === node.value) {
        return undefined;
      }
    }
    for (let earlier = 0; earlier < index; earlier++) {
      if (nodes[earlier].value === node.value) {
        return nodes[earlier];
      }
    }
    return node;
  });
}

/** The wildcard entry that covers `value` and matches more than it does, if any. */
function widerPattern(wildcards: readonly Node[], value: string): Node | undefined {
  if (value.length > MAX_COMPARED_LENGTH) {
    return undefined;
  }
  return wildcards.find((other) => {
    const otherValue = String(other.value);
    return otherValue !== value && otherValue.length <= MAX_COMPARED_LENGTH && arnCovers(otherValue, value) && !arnCovers(value, otherValue);
  });
}

/**
 * A resource in a Resource or NotResource list that another entry of the same list already covers
 * (Access Analyzer suggestion "Redundant resource"): `arn:aws:s3:::b/logs/*` next to
 * `arn:aws:s3:::b/*`, anything next to `*`, or the same ARN twice (the last one is reported).
 * ARNs are compared case-sensitively and field by field. In an HTTPS-only deny (a Deny whose
 * aws:SecureTransport test refuses plain HTTP only, as the access evaluator reads it) only `*` and
 * `arn:aws:s3:::*` count as covering: compliance scanners want the bucket and `bucket/*` ARNs
 * written out. The fix removes the redundant entry.
 */
export const redundantResource: Rule = {
  id: 'redundantResource',
  defaultSeverity: 'information',
  description: 'A resource another entry of the same list already covers (arn:aws:s3:::b/logs/* next to arn:aws:s3:::b/*).',
  runsOnBrokenDocuments: false,
  check(context) {
    let httpsDenies: ReadonlySet<PolicyStatement> | undefined;
    for (const statement of context.policy.statements) {
      for (const name of RESOURCE_ELEMENTS) {
        const list = statement.elements[name]?.valueNode;
        // One entry cannot repeat another: nearly every element is skipped here.
        if (list?.type !== 'array' || (list.children?.length ?? 0) < 2) {
          continue;
        }
        const nodes = stringNodes(list);
        const firsts = firstEquals(nodes);
        let wildcards: Node[] | undefined;
        for (let index = 0; index < nodes.length; index++) {
          const earlier = firsts[index];
          // Of equal entries only the last is reported: removing an earlier one would leave an equal one in its place.
          if (!earlier) {
            continue;
          }
          const node = nodes[index];
          const value = String(node.value);
          let cover: Node | undefined = earlier;
          if (earlier === node) {
            const denies = (httpsDenies ??= new Set(httpOnlyDenies(context.policy)));
            // An HTTPS-only deny must name a bucket and its objects literally (or every resource) to be recognised as complete.
            wildcards ??= nodes.filter((other) => hasWildcard(String(other.value)) && (!denies.has(statement) || COVERS_EVERYTHING.has(String(other.value))));
            cover = widerPattern(wildcards, value);
          }
          if (!cover) {
            continue;
          }
          const edit = removeElementEdit(node);
          context.report(node, `"${value}" is already covered by "${String(cover.value)}" in the same ${name} list, so it adds nothing. Remove it.`, {
            fixes: edit ? [{ title: `Remove the redundant "${value}"`, isPreferred: true, edits: [edit] }] : [],
          });
        }
      }
    }
  },
};
