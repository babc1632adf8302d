/* S3 Bucket Policy — MIT License. */
import type { HclBlock } from '../hclTree';
import type { TerraformRule } from './terraformRule';

/** Meta-arguments and blocks every Terraform block may have. */
const META = ['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'dynamic'];

/** The arguments and blocks of `aws_iam_policy_document` and its nested blocks (the AWS provider's schema). */
const NAMES: Record<string, string[]> = {
  document: ['version', 'policy_id', 'statement', 'source_policy_documents', 'override_policy_documents', 'source_json', 'override_json', ...META],
  statement: ['sid', 'effect', 'actions', 'not_actions', 'resources', 'not_resources', 'principals', 'not_principals', 'condition', 'dynamic'],
  content: ['sid', 'effect', 'actions', 'not_actions', 'resources', 'not_resources', 'principals', 'not_principals', 'condition', 'dynamic'],
  principals: ['type', 'identifiers'],
  not_principals: ['type', 'identifiers'],
  condition: ['test', 'variable', 'values'],
};

/** The Levenshtein distance of two short names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known name closest to a misspelt one, when one is clearly meant. */
function closest(name: string, known: string[]): string | undefined {
  const ranked = known.map((candidate) => ({ candidate, cost: distance(name.toLowerCase(), candidate) })).sort((a, b) => a.cost - b.cost);
  return ranked[0] && ranked[0].cost <= Math.max(2, Math.floor(name.length / 4)) && ranked[0].cost < (ranked[1]?.cost ?? Infinity) ? ranked[0].candidate : undefined;
}

/**
 * A block or argument inside `data "aws_iam_policy_document"` that the provider does not know
 * (`action` for `actions`, `principal` for `principals`, `conditions`): `terraform validate` fails
 * with "Unsupported argument" or "Unsupported block type". The fix renames it when one name is meant.
 */
export const terraformPolicyDocumentName: TerraformRule = {
  id: 'terraformPolicyDocumentName',
  defaultSeverity: 'error',
  description: 'A block or argument inside aws_iam_policy_document is not one the provider knows (a misspelling such as action for actions).',
  check({ blocks }, report) {
    const visit = (block: HclBlock, role: string) => {
      const known = NAMES[role];
      const items = [...block.attributes.map((attribute) => ({ name: attribute.name, node: attribute.nameNode, block: undefined as HclBlock | undefined })), ...block.blocks.map((inner) => ({ name: inner.type, node: inner.typeNode, block: inner }))];
      for (const item of items) {
        if (item.block && item.name === 'dynamic') {
          const content = item.block.blocks.find((inner) => inner.type === 'content');
          if (content && item.block.labels[0] === 'statement') {
            visit(content, 'statement');
          }
          continue;
        }
        if (known.includes(item.name)) {
          if (item.block && NAMES[item.name] && item.name !== 'content') {
            visit(item.block, item.name);
          }
          continue;
        }
        const meant = closest(item.name, known);
        report({
          offset: item.node.startIndex,
          length: item.node.endIndex - item.node.startIndex,
          message: `aws_iam_policy_document has no ${item.block ? 'block' : 'argument'} "${item.name}" ${role === 'document' ? 'at its top level' : `in ${role}`}; terraform validate fails.${meant ? ` Did you mean "${meant}"?` : ` Known here: ${known.filter((name) => !META.includes(name)).join(', ')}.`}`,
          fixes: meant ? [{ title: `Rename to "${meant}"`, isPreferred: true, edits: [{ offset: item.node.startIndex, length: item.node.endIndex - item.node.startIndex, content: meant }] }] : [],
        });
      }
    };
    for (const block of blocks ?? []) {
      if (block.type === 'data' && block.labels[0] === 'aws_iam_policy_document') {
        visit(block, 'document');
      }
    }
  },
};
