/* S3 Bucket Policy — MIT License. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Position } from 'vscode-languageserver-types';
import type { CompletionSettings } from './completion/completion';
import { completeInHost, hoverInHost, symbolsInHost } from './hosts/hostFeatures';
import { cfnTemplateSyntax } from './hosts/cloudformation/rules/templateSyntax';
import { translateFix } from './hosts/editTranslation';
import type { EmbeddedPolicy, HostDocument } from './hosts/embeddedPolicy';
import { holdsStandIn, hostRangeOf, isAboutComputedValue, PolicyView } from './hosts/policyView';
import { findRule } from './rules';
import { missingSecureTransportDeny } from './rules/missingSecureTransportDeny';
import { readHostDocument } from './hosts/readHostDocument';
import type { ModuleFiles } from './hosts/terraform/moduleFiles';
import { codeActionsFor, findingsToDiagnostics, FixAllResult, fixAllWith, PolicyLanguageService } from './policyLanguageService';
import type { Node } from 'jsonc-parser';
import { stringNodes } from './parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from './parser/policyDocument';
import type { PolicyFinding, PolicyFix, PolicyLintSettings, PolicyRecognitionSettings } from './policyLanguageTypes';

/**
 * The language service over whole documents: a policy file, or a template with any number of
 * bucket policies. The rules run on each policy's tree as they do on a policy file; their findings
 * and fixes come back in the host document's offsets and syntax.
 */
export interface HostedLanguageService {
  /** Reads a document for its bucket policies; `parsed` is the text parsed as a policy, when the caller has it; `files` reads the rest of a Terraform module. */
  read(text: string, path: string | undefined, languageId: string | undefined, recognition: PolicyRecognitionSettings, parsed?: PolicyDocument, files?: ModuleFiles): HostDocument;
  findProblems(host: HostDocument, settings: PolicyLintSettings): PolicyFinding[];
  doValidation(document: TextDocument, host: HostDocument, settings: PolicyLintSettings): Diagnostic[];
  getCodeActions(document: TextDocument, host: HostDocument, settings: PolicyLintSettings, contextDiagnostics: Diagnostic[]): CodeAction[];
  fixAll(text: string, path: string | undefined, languageId: string | undefined, recognition: PolicyRecognitionSettings, settings: PolicyLintSettings, files?: ModuleFiles): FixAllResult;
  doComplete(document: TextDocument, host: HostDocument, position: Position, settings?: CompletionSettings): CompletionList | null;
  doHover(document: TextDocument, host: HostDocument, position: Position): Hover | null;
  findDocumentSymbols(document: TextDocument, host: HostDocument): DocumentSymbol[];
}

/** Host checks and the policy rules whose finding on the same text they say better. */
const SUPERSEDES: Record<string, readonly string[]> = {
  terraformDoubledArnPrefix: ['invalidArn'],
  terraformUnescapedPolicyVariable: ['policyVariableMisuse'],
  cfnUnescapedPolicyVariable: ['policyVariableMisuse'],
};

type ElementName = keyof PolicyStatement['elements'];
const ACTIONS: readonly ElementName[] = ['Action', 'NotAction'];
const RESOURCES: readonly ElementName[] = ['Resource', 'NotResource'];
const WHO_AND_WHEN: readonly ElementName[] = ['Effect', 'Principal', 'NotPrincipal', 'Condition'];

/**
 * The elements of its statement a rule's conclusion rests on, for the rules that read more than one
 * token and less than the whole statement. Other rules that read beyond their token rest on all of it.
 */
const ELEMENTS_READ: Record<string, readonly ElementName[]> = {
  actionResourceMismatch: [...ACTIONS, ...RESOURCES],
  redundantAction: ACTIONS,
  redundantResource: RESOURCES,
  mixedBuckets: RESOURCES,
  resourceNotPolicyBucket: RESOURCES,
  unrestrictedServicePrincipal: ['Principal', 'NotPrincipal', 'Condition'],
  publicAccess: [...WHO_AND_WHEN, ...ACTIONS],
  allowWithNotPrincipal: [...WHO_AND_WHEN, ...ACTIONS],
  allowWildcardAction: [...WHO_AND_WHEN, ...ACTIONS],
};

/** Rules that read only what type of resource a Resource is (the bucket, its objects), not which bucket. */
const TYPE_READERS: ReadonlySet<string> = new Set(['actionResourceMismatch']);

/**
 * True when a value we cannot know may change what type of resource a Resource string is: anywhere
 * but in the bucket name of an S3 ARN (`arn:aws:s3:::${BucketName}/*` is objects, whatever the name).
 */
function typeUnknown(view: PolicyView, node: Node): boolean {
  const value = String(node.value);
  const prefix = /^arn:[^:]*:s3:::/.exec(value);
  if (!prefix) {
    return holdsStandIn(view, node.offset, node.offset + node.length, 'unknown');
  }
  const slash = value.indexOf('/', prefix[0].length);
  // View offsets of the bucket name inside the string token (after its opening quote); the text has no escapes there.
  const nameStart = node.offset + 1 + prefix[0].length;
  const nameEnd = node.offset + 1 + (slash < 0 ? value.length : slash);
  return holdsStandIn(view, node.offset, nameStart, 'unknown') || holdsStandIn(view, nameEnd, node.offset + node.length, 'unknown');
}

/**
 * Whether a finding may rest on a value we cannot know, beyond the token it is on: a rule that
 * reads more than tokens (which actions apply to which resources, whether a Deny covers the
 * objects) may conclude from what a stand-in is not. Such a finding is dropped when an element of
 * its statement that the rule reads holds a value we cannot know; the absence of an HTTPS-only
 * deny, when a Deny statement holds one.
 */
function restsOnUnknown(view: PolicyView, document: PolicyDocument, finding: PolicyFinding): boolean {
  if (findRule(finding.ruleId)?.runsOnBrokenDocuments !== false) {
    return false;
  }
  const unknownIn = (statement: PolicyStatement, elements: readonly ElementName[] | undefined): boolean => {
    if (!elements) {
      return holdsStandIn(view, statement.node.offset, statement.node.offset + statement.node.length, 'unknown');
    }
    return elements.some((name) => {
      const member = statement.elements[name];
      if (!member?.valueNode) {
        return false;
      }
      const value = member.valueNode;
      const strings = TYPE_READERS.has(finding.ruleId) && RESOURCES.includes(name) ? stringNodes(value) : [];
      return strings.length > 0 ? strings.some((node) => typeUnknown(view, node)) : holdsStandIn(view, value.offset, value.offset + value.length, 'unknown');
    });
  };
  const statement = document.statements.find((candidate) => candidate.node.offset <= finding.offset && finding.offset < candidate.node.offset + candidate.node.length);
  if (statement) {
    return unknownIn(statement, ELEMENTS_READ[finding.ruleId]);
  }
  // A Deny that could be the HTTPS-only deny: it tests aws:SecureTransport, or its condition is computed.
  const mayDenyHttp = (candidate: PolicyStatement): boolean => {
    const condition = candidate.elements.Condition?.valueNode;
    return /aws:securetransport/i.test(view.text.slice(candidate.node.offset, candidate.node.offset + candidate.node.length)) || (condition !== undefined && condition.type !== 'object');
  };
  return finding.ruleId === missingSecureTransportDeny.id && document.statements.some((candidate) => candidate.elements.Effect?.valueNode?.value === 'Deny' && mayDenyHttp(candidate) && unknownIn(candidate, undefined));
}

/**
 * A message or fix title about the view, in the host's terms: the stand-in of a computed value the
 * host writes with a function (`arn:aws:s3:::logsbucket`) becomes that function (`!GetAtt LogsBucket.Arn`).
 */
function inHostTerms(view: PolicyView, syntax: string, text: string): string {
  const standIns = [...view.symbols.entries()].filter(([standIn, symbol]) => standIn.length >= 3 && symbol.short && text.includes(standIn)).sort((a, b) => b[0].length - a[0].length);
  if (standIns.length === 0) {
    return text;
  }
  const pattern = new RegExp(standIns.map(([standIn]) => standIn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const written = new Map(standIns.map(([standIn, symbol]) => [standIn, syntax === 'json' ? symbol.long : symbol.short]));
  return text.replace(pattern, (standIn) => written.get(standIn) ?? standIn);
}

/** The findings of one embedded policy, in host offsets, with fixes written in the host's syntax. */
function embeddedFindings(policy: EmbeddedPolicy, findings: PolicyFinding[]): PolicyFinding[] {
  const { view, translation } = policy;
  if (!view || !translation) {
    return findings;
  }
  const result: PolicyFinding[] = [];
  for (const finding of findings) {
    if (isAboutComputedValue(view, finding.offset, finding.length) || restsOnUnknown(view, policy.policy, finding) || policy.keepFinding?.(finding) === false) {
      continue;
    }
    const range = hostRangeOf(view, finding.offset, finding.length);
    const fixes = finding.fixes.map((fix) => translateFix(translation, fix)).filter((fix): fix is PolicyFix => fix !== undefined).map((fix) => ({ ...fix, title: inHostTerms(view, translation.syntax, fix.title) }));
    result.push({ ...finding, offset: range.offset, length: range.length, message: inHostTerms(view, translation.syntax, finding.message), fixes });
  }
  return result;
}

/** How many policy views' findings are kept: the policies of a few large templates. */
const VIEW_CACHE_SIZE = 256;

/** Creates the document-level service over a policy language service. */
export function getHostedLanguageService(service: PolicyLanguageService): HostedLanguageService {
  // The findings of the policies of templates and Terraform files, by view text: an edit to one
  // policy of a template leaves the others' views as they were, and they are not linted again.
  const byView = new Map<string, PolicyFinding[]>();
  const viewFindings = (policy: EmbeddedPolicy, settings: PolicyLintSettings, rulesKey: string): PolicyFinding[] => {
    const key = `${rulesKey}\n${policy.policy.attachedBucket?.name ?? ''}\n${policy.view?.text ?? ''}`;
    let findings = byView.get(key);
    if (!findings) {
      findings = service.findProblems(policy.policy, { ...settings, reportSyntaxErrors: 'all' });
      byView.set(key, findings);
      if (byView.size > VIEW_CACHE_SIZE) {
        byView.delete(byView.keys().next().value!);
      }
    }
    return findings;
  };
  const findProblems = (host: HostDocument, settings: PolicyLintSettings): PolicyFinding[] => {
    if (host.kind === 'policy') {
      return service.findProblems(host.policies[0].policy, settings);
    }
    const findings: PolicyFinding[] = [];
    const rulesKey = JSON.stringify(settings.rules);
    for (const policy of host.policies) {
      findings.push(...embeddedFindings(policy, viewFindings(policy, settings, rulesKey)));
    }
    const hostFindings: PolicyFinding[] = [];
    host.hostChecks?.((rule, finding) => {
      const setting = settings.rules[rule.id];
      // Where the editor reports a template's YAML or JSON syntax itself, it is not ours to repeat.
      if (setting !== 'off' && !(rule.id === cfnTemplateSyntax.id && settings.reportSyntaxErrors !== 'all')) {
        hostFindings.push({ ...finding, ruleId: rule.id, severity: setting ?? rule.defaultSeverity });
      }
    });
    // A host check that names the cause (an unescaped variable, a doubled ARN prefix) stands for the policy rule's finding on the same text.
    const superseded = (finding: PolicyFinding) => hostFindings.some((hostFinding) => SUPERSEDES[hostFinding.ruleId]?.includes(finding.ruleId) && hostFinding.offset < finding.offset + Math.max(finding.length, 1) && finding.offset < hostFinding.offset + Math.max(hostFinding.length, 1));
    return [...findings.filter((finding) => !superseded(finding)), ...hostFindings].sort((a, b) => a.offset - b.offset);
  };
  return {
    read: readHostDocument,
    findProblems,
    doValidation: (document, host, settings) => findingsToDiagnostics(document, findProblems(host, settings), settings),
    getCodeActions: (document, host, settings, contextDiagnostics) => host.kind === 'policy'
      ? service.getCodeActions(document, host.policies[0].policy, settings, contextDiagnostics)
      : codeActionsFor(document, findProblems(host, settings), contextDiagnostics),
    fixAll: (text, path, languageId, recognition, settings, files) => fixAllWith(text, (current) => findProblems(readHostDocument(current, path, languageId, recognition, undefined, files), settings)),
    doComplete: (document, host, position, settings) => completeInHost(service, document, host, position, settings),
    doHover: (document, host, position) => hoverInHost(service, document, host, position),
    findDocumentSymbols: (document, host) => symbolsInHost(service, document, host),
  };
}
