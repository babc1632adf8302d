/* S3 Bucket Policy — MIT License. */
import type { HostMap, HostSeq } from '../hostValue';
import type { PolicyView, ViewContainer } from '../policyView';
import { HclPolicyWriter } from './hclPolicyWriter';
import { HclSyntaxWriter } from './hclSyntax';
import { attributeOf, HclBlock, unwrap } from './hclTree';
import type { TerraformModule } from './terraformModule';

/** The JSON element each statement argument becomes, in the order the provider writes them. */
const STATEMENT_ARGUMENTS: [string, string][] = [['sid', 'Sid'], ['effect', 'Effect'], ['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']];

/** What an `aws_iam_policy_document` view is, with the writer that writes fixes as blocks. */
export interface PolicyDocumentView {
  view: PolicyView;
  partial: boolean;
  syntaxWriter: HclSyntaxWriter;
}

/**
 * The view of `data "aws_iam_policy_document"`: the JSON the provider renders from its blocks.
 * `statement` blocks (and one repetition of a `dynamic "statement"` block's `content`) become
 * statements; `effect` defaults to Allow; `principals`/`not_principals` blocks group their
 * identifiers by type (`type = "*"` with `["*"]` is `"Principal": "*"`); `condition` blocks group
 * by test. Element names that differ from the HCL names (`"Action"` for `actions`) span the
 * argument's name, so findings about them land there. Source and override documents make the
 * result partly unknown.
 */
export function writePolicyDocumentView(module: TerraformModule, text: string, document: HclBlock): PolicyDocumentView {
  const policy = new HclPolicyWriter(module, text);
  const writer = policy.writer;
  const syntaxWriter = new HclSyntaxWriter(text, '=');
  const root: HostMap = { kind: 'map', offset: document.node.startIndex, end: document.node.endIndex, entries: [], flow: false };
  syntaxWriter.roles.set(root, 'document');
  const rootContainer: ViewContainer = { viewOffset: 0, viewEnd: 0, host: root, children: [] };
  writer.containers.push(rootContainer);
  writer.punctuation('{', document.bodyStart);
  const version = attributeOf(document, 'version');
  const versionOffset = writer.offset;
  if (version) {
    writer.spanning('"Version"', version.nameNode.startIndex, version.nameNode.endIndex, false);
    writer.punctuation(':', version.nameNode.endIndex);
    policy.value(version.value);
  } else {
    writer.punctuation('"Version":"2012-10-17"', document.bodyStart);
  }
  rootContainer.children.push({ viewOffset: versionOffset, valueViewOffset: versionOffset, viewEnd: writer.offset, host: undefined });
  const policyId = attributeOf(document, 'policy_id');
  if (policyId) {
    writer.punctuation(',', policyId.nameNode.startIndex);
    writer.spanning('"Id"', policyId.nameNode.startIndex, policyId.nameNode.endIndex, false);
    writer.punctuation(':', policyId.nameNode.endIndex);
    policy.value(policyId.value);
  }
  const statements = document.blocks.filter((block) => block.type === 'statement' || (block.type === 'dynamic' && block.labels[0] === 'statement'));
  const partial = statements.some((block) => block.type === 'dynamic') || document.attributes.some((attribute) => /^(source|override)_(policy_documents|json)$/.test(attribute.name)) || attributeOf(document, 'count') !== undefined;
  policy.partial ||= partial;
  writer.punctuation(',', document.bodyEnd);
  const statementsOffset = writer.offset;
  // "Statement" spans the first statement block's type (or the data source's name): findings about the whole list land there.
  const statementName = statements[0]?.typeNode ?? document.labelNodes[1] ?? document.typeNode;
  writer.spanning('"Statement"', statementName.startIndex, statementName.endIndex, false);
  writer.punctuation(':', statementName.endIndex);
  const seq: HostSeq = { kind: 'seq', offset: statements[0]?.node.startIndex ?? document.bodyEnd, end: statements[statements.length - 1]?.node.endIndex ?? document.bodyEnd, items: [], flow: false };
  syntaxWriter.roles.set(seq, 'statements');
  const seqContainer: ViewContainer = { viewOffset: writer.offset, viewEnd: 0, host: seq, children: [] };
  writer.containers.push(seqContainer);
  writer.punctuation('[', seq.offset);
  statements.forEach((block, index) => {
    if (index > 0) {
      writer.punctuation(',', block.node.startIndex);
    }
    const childOffset = writer.offset;
    const content = block.type === 'dynamic' ? block.blocks.find((inner) => inner.type === 'content') : block;
    const host: HostMap = { kind: 'map', offset: block.node.startIndex, end: block.node.endIndex, entries: [], flow: false };
    if (content) {
      writeStatement(policy, syntaxWriter, content, host, block.type === 'dynamic');
    } else {
      writer.punctuation('{}', block.node.startIndex);
    }
    seq.items.push(host);
    seqContainer.children.push({ viewOffset: childOffset, valueViewOffset: childOffset, viewEnd: writer.offset, host });
  });
  writer.punctuation(']', seq.end);
  seqContainer.viewEnd = writer.offset;
  rootContainer.children.push({ viewOffset: statementsOffset, valueViewOffset: seqContainer.viewOffset, viewEnd: writer.offset, host: seq });
  writer.punctuation('}', document.bodyEnd);
  rootContainer.viewEnd = writer.offset;
  return { view: policy.build(), partial: policy.partial, syntaxWriter };
}

/** One statement: its arguments, principals and conditions, as the provider writes them. */
function writeStatement(policy: HclPolicyWriter, syntaxWriter: HclSyntaxWriter, block: HclBlock, host: HostMap, dynamic: boolean): void {
  const writer = policy.writer;
  syntaxWriter.roles.set(host, 'statement');
  const container: ViewContainer = { viewOffset: writer.offset, viewEnd: 0, host, children: [] };
  writer.containers.push(container);
  // The statement's "{" spans its block type, so findings about the whole statement point at `statement`.
  writer.spanning('{', block.typeNode.startIndex, block.typeNode.endIndex, false);
  let first = true;
  const member = (name: string, nameStart: number, nameEnd: number, write: () => void, hostValue?: HostMap['entries'][number]['value']) => {
    if (!first) {
      writer.punctuation(',', nameStart);
    }
    first = false;
    const childOffset = writer.offset;
    writer.spanning(JSON.stringify(name), nameStart, nameEnd, false);
    writer.punctuation(':', nameEnd);
    const valueOffset = writer.offset;
    write();
    container.children.push({ viewOffset: childOffset, valueViewOffset: valueOffset, viewEnd: writer.offset, host: hostValue });
  };
  for (const [argument, element] of STATEMENT_ARGUMENTS) {
    const attribute = attributeOf(block, argument);
    if (attribute) {
      let value: HostMap['entries'][number]['value'];
      member(element, attribute.nameNode.startIndex, attribute.nameNode.endIndex, () => {
        value = policy.value(singleItem(attribute.value));
      });
      container.children[container.children.length - 1].host = value;
    } else if (argument === 'effect') {
      member('Effect', block.bodyStart, block.bodyStart, () => writer.punctuation('"Allow"', block.bodyStart));
    }
  }
  for (const kind of ['principals', 'not_principals']) {
    const blocks = block.blocks.filter((inner) => inner.type === kind);
    if (blocks.length > 0) {
      member(kind === 'principals' ? 'Principal' : 'NotPrincipal', blocks[0].typeNode.startIndex, blocks[0].typeNode.endIndex, () => writePrincipals(policy, blocks));
    }
  }
  const conditions = block.blocks.filter((inner) => inner.type === 'condition');
  if (conditions.length > 0) {
    member('Condition', conditions[0].typeNode.startIndex, conditions[0].typeNode.endIndex, () => writeConditions(policy, conditions));
  }
  writer.punctuation('}', block.bodyEnd);
  container.viewEnd = writer.offset;
  void dynamic;
}

/** The one item of a one-item tuple, which the provider renders as a string (`["s3:*"]` → `"s3:*"`); the value itself otherwise. */
function singleItem(value: HclBlock['attributes'][number]['value']): HclBlock['attributes'][number]['value'] {
  const node = unwrap(value);
  const items = node.type === 'tuple' ? node.namedChildren.filter((child) => child?.type === 'expression') : [];
  return items.length === 1 && items[0] ? items[0] : value;
}

/** Writes values of several blocks' list arguments as one JSON array (or the one value as it is). */
function writeMerged(policy: HclPolicyWriter, values: HclBlock['attributes'][number]['value'][], at: number): void {
  if (values.length === 1) {
    policy.value(singleItem(values[0]));
    return;
  }
  policy.writer.punctuation('[', at);
  values.forEach((value, index) => {
    if (index > 0) {
      policy.writer.punctuation(',', value.startIndex);
    }
    const node = unwrap(value);
    const items = node.type === 'tuple' ? node.namedChildren.filter((child) => child?.type === 'expression') : [value];
    items.forEach((item, itemIndex) => {
      if (itemIndex > 0) {
        policy.writer.punctuation(',', item.startIndex);
      }
      policy.value(item);
    });
  });
  policy.writer.punctuation(']', at);
}

/** Groups `principals` blocks by type: `{"AWS": [...], "Service": [...]}`, or `"*"` for `type = "*"`. */
function writePrincipals(policy: HclPolicyWriter, blocks: HclBlock[]): void {
  const writer = policy.writer;
  const byType = new Map<string, HclBlock[]>();
  for (const block of blocks) {
    const type = unwrap(attributeOf(block, 'type')?.value ?? block.typeNode).text;
    byType.set(type, [...(byType.get(type) ?? []), block]);
  }
  const star = byType.get('"*"');
  if (byType.size === 1 && star) {
    const identifiers = attributeOf(star[0], 'identifiers');
    writer.spanning('"*"', identifiers?.value.startIndex ?? star[0].node.startIndex, identifiers?.value.endIndex ?? star[0].node.endIndex, false);
    return;
  }
  writer.punctuation('{', blocks[0].bodyStart);
  [...byType.values()].forEach((group, index) => {
    const typeAttribute = attributeOf(group[0], 'type');
    if (index > 0) {
      writer.punctuation(',', group[0].node.startIndex);
    }
    if (typeAttribute) {
      policy.value(typeAttribute.value);
    } else {
      writer.punctuation('""', group[0].bodyStart);
    }
    writer.punctuation(':', typeAttribute?.value.endIndex ?? group[0].bodyStart);
    const identifiers = group.map((block) => attributeOf(block, 'identifiers')?.value).filter((value) => value !== undefined);
    if (identifiers.length === 0) {
      writer.punctuation('[]', group[0].bodyEnd);
    } else {
      writeMerged(policy, identifiers, group[0].bodyEnd);
    }
  });
  writer.punctuation('}', blocks[blocks.length - 1].bodyEnd);
}

/** Groups `condition` blocks by test: `{"Bool": {"aws:SecureTransport": ["false"]}}`. */
function writeConditions(policy: HclPolicyWriter, blocks: HclBlock[]): void {
  const writer = policy.writer;
  const byTest = new Map<string, HclBlock[]>();
  for (const block of blocks) {
    const test = unwrap(attributeOf(block, 'test')?.value ?? block.typeNode).text;
    byTest.set(test, [...(byTest.get(test) ?? []), block]);
  }
  writer.punctuation('{', blocks[0].bodyStart);
  [...byTest.values()].forEach((group, index) => {
    if (index > 0) {
      writer.punctuation(',', group[0].node.startIndex);
    }
    const test = attributeOf(group[0], 'test');
    if (test) {
      policy.value(test.value);
    } else {
      writer.punctuation('""', group[0].bodyStart);
    }
    writer.punctuation(':{', test?.value.endIndex ?? group[0].bodyStart);
    group.forEach((block, blockIndex) => {
      if (blockIndex > 0) {
        writer.punctuation(',', block.node.startIndex);
      }
      const variable = attributeOf(block, 'variable');
      if (variable) {
        policy.value(variable.value);
      } else {
        writer.punctuation('""', block.bodyStart);
      }
      writer.punctuation(':', variable?.value.endIndex ?? block.bodyStart);
      const values = attributeOf(block, 'values');
      if (values) {
        policy.value(singleItem(values.value));
      } else {
        writer.punctuation('[]', block.bodyEnd);
      }
    });
    writer.punctuation('}', group[group.length - 1].bodyEnd);
  });
  writer.punctuation('}', blocks[blocks.length - 1].bodyEnd);
}
