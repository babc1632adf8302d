/* S3 Bucket Policy — MIT License. */
import type { HostMap, HostSeq } from '../hostValue';
import type { PolicyView, ViewContainer } from '../policyView';
import { HclPolicyWriter } from './hclPolicyWriter';
import { HclSyntaxWriter } from './hclSyntax';
import type { HclNode } from './hclParser';
import { attributeOf, HclBlock, namedChildrenOf, plainString, unwrap } from './hclTree';
import type { ModuleFileRecord } from './moduleReader';
import type { TerraformModule } from './terraformModule';

/** The JSON element each statement argument becomes, in the order the provider writes them. */
const STATEMENT_ARGUMENTS: [string, string][] = [['sid', 'Sid'], ['effect', 'Effect'], ['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']];

/** What an `aws_iam_policy_document` view is, with the writer that writes fixes as blocks. */
export interface PolicyDocumentView {
  view: PolicyView;
  partial: boolean;
  syntaxWriter: HclSyntaxWriter;
  /** View spans of statements that come from source or override documents. */
  foreign: [number, number][];
}

/** The JSON value of a policy a `source_policy_documents` or `override_policy_documents` element names; undefined when it cannot be known. */
export type SourceResolver = (element: HclNode, file: ModuleFileRecord) => unknown;

/**
 * The view of `data "aws_iam_policy_document"`: the JSON the provider renders from its blocks.
 * `statement` blocks (and one repetition of a `dynamic "statement"` block's `content`) become
 * statements; `effect` defaults to Allow; `principals`/`not_principals` blocks group their
 * identifiers by type (`type = "*"` with `["*"]` is `"Principal": "*"`); `condition` blocks group
 * by test. Element names that differ from the HCL names (`"Action"` for `actions`) span the
 * argument's name, so findings about them land there. Source and override documents are merged by
 * Sid (`resolve` reads them); their statements are computed text spanning the list element that
 * names them. A document `resolve` cannot read makes the result partly unknown.
 */
export function writePolicyDocumentView(module: TerraformModule, text: string, document: HclBlock, resolve?: SourceResolver, file?: ModuleFileRecord): PolicyDocumentView {
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
  const merged = mergeStatements(document, statements, file, resolve);
  policy.partial ||= merged.unknown || statements.some((block) => block.type === 'dynamic') || document.attributes.some((attribute) => /^(source|override)_json$/.test(attribute.name)) || attributeOf(document, 'count') !== undefined;
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
  const foreign: [number, number][] = [];
  // Statements of other documents first (the order of statements means nothing): a new statement
  // block is then written after this document's last one, or after the attribute that merges them.
  const blocks = merged.items.filter((item) => item.kind === 'block');
  const lastBlock = blocks[blocks.length - 1]?.block.node;
  const merging = attributeOf(document, 'override_policy_documents') ?? attributeOf(document, 'source_policy_documents');
  const anchor = lastBlock?.endIndex ?? merging?.node.endIndex ?? seq.offset;
  [...merged.items.filter((item) => item.kind === 'foreign'), ...blocks].forEach((item, index) => {
    const at = item.kind === 'block' ? item.block.node : item.node;
    if (index > 0) {
      writer.punctuation(',', at.startIndex);
    }
    const childOffset = writer.offset;
    if (item.kind === 'foreign') {
      // A statement of another document: stands for the list element that brings it, computed.
      writer.spanning(JSON.stringify(item.statement), at.startIndex, at.endIndex, true);
      foreign.push([childOffset, writer.offset]);
      const host: HostMap = { kind: 'map', offset: anchor, end: anchor, entries: [], flow: false };
      seqContainer.children.push({ viewOffset: childOffset, valueViewOffset: childOffset, viewEnd: writer.offset, host });
      return;
    }
    const block = item.block;
    const content = block.type === 'dynamic' ? block.blocks.find((inner) => inner.type === 'content') : block;
    const host: HostMap = { kind: 'map', offset: block.node.startIndex, end: block.node.endIndex, entries: [], flow: false };
    if (content) {
      writeStatement(policy, syntaxWriter, content, host);
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
  return { view: policy.build(), partial: policy.partial, syntaxWriter, foreign };
}

/** A statement of the merged document: a block of this one, or a statement of a source or override document. */
type MergedStatement = { kind: 'block'; block: HclBlock } | { kind: 'foreign'; statement: unknown; node: HclNode };

/** The statements of a policy JSON value. */
function statementsOf(value: unknown): unknown[] {
  const statement = typeof value === 'object' && value !== null ? (value as { Statement?: unknown }).Statement : undefined;
  return Array.isArray(statement) ? statement : typeof statement === 'object' && statement !== null ? [statement] : [];
}

/**
 * The statements of the rendered document, as the provider merges them: the source documents'
 * statements first, then this document's blocks, then each override document's; a statement with
 * a non-empty Sid takes the place of an earlier one with that Sid (statements without one are
 * added). `unknown` when a source or override cannot be read, or a block's Sid is computed.
 */
function mergeStatements(document: HclBlock, statements: HclBlock[], file: ModuleFileRecord | undefined, resolve: SourceResolver | undefined): { items: MergedStatement[]; unknown: boolean } {
  const items: MergedStatement[] = [];
  const sids: (string | undefined)[] = [];
  let unknown = false;
  const put = (item: MergedStatement, sid: string | undefined) => {
    const index = sid ? sids.indexOf(sid) : -1;
    if (index >= 0) {
      items[index] = item;
    } else {
      items.push(item);
      sids.push(sid);
    }
  };
  const documents = (name: string) => {
    const list = attributeOf(document, name)?.value;
    if (!list) {
      return;
    }
    const node = unwrap(list);
    if (node.type !== 'tuple' || !resolve || !file) {
      unknown = true;
      return;
    }
    for (const element of namedChildrenOf(node).filter((child) => child.type === 'expression')) {
      const value = resolve(element, file);
      if (value === undefined) {
        unknown = true;
      }
      for (const statement of statementsOf(value)) {
        const sid = (statement as { Sid?: unknown }).Sid;
        put({ kind: 'foreign', statement, node: element }, typeof sid === 'string' ? sid : undefined);
      }
    }
  };
  documents('source_policy_documents');
  for (const block of statements) {
    const sid = block.type === 'statement' ? attributeOf(block, 'sid') : undefined;
    const literal = sid && plainString(unwrap(sid.value));
    unknown ||= sid !== undefined && literal === undefined;
    put({ kind: 'block', block }, literal);
  }
  documents('override_policy_documents');
  return { items, unknown };
}

/** One statement: its arguments, principals and conditions, as the provider writes them. */
function writeStatement(policy: HclPolicyWriter, syntaxWriter: HclSyntaxWriter, block: HclBlock, host: HostMap): void {
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
