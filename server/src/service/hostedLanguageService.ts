/* S3 Bucket Policy — MIT License. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Position } from 'vscode-languageserver-types';
import type { CompletionSettings } from './completion/completion';
import { completeInHost, hoverInHost, symbolsInHost } from './hosts/hostFeatures';
import { translateFix } from './hosts/editTranslation';
import type { EmbeddedPolicy, HostDocument } from './hosts/embeddedPolicy';
import { hostRangeOf, isAboutComputedValue } from './hosts/policyView';
import { readHostDocument } from './hosts/readHostDocument';
import type { ModuleFiles } from './hosts/terraform/moduleFiles';
import { codeActionsFor, findingsToDiagnostics, FixAllResult, fixAllWith, PolicyLanguageService } from './policyLanguageService';
import type { PolicyDocument } from './parser/policyDocument';
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

/** The findings of one embedded policy, in host offsets, with fixes written in the host's syntax. */
function embeddedFindings(policy: EmbeddedPolicy, findings: PolicyFinding[]): PolicyFinding[] {
  const { view, translation } = policy;
  if (!view || !translation) {
    return findings;
  }
  const result: PolicyFinding[] = [];
  for (const finding of findings) {
    if (isAboutComputedValue(view, finding.offset, finding.length) || policy.keepFinding?.(finding) === false) {
      continue;
    }
    const range = hostRangeOf(view, finding.offset, finding.length);
    const fixes = finding.fixes.map((fix) => translateFix(translation, fix)).filter((fix): fix is PolicyFix => fix !== undefined);
    result.push({ ...finding, offset: range.offset, length: range.length, fixes });
  }
  return result;
}

/** Creates the document-level service over a policy language service. */
export function getHostedLanguageService(service: PolicyLanguageService): HostedLanguageService {
  const findProblems = (host: HostDocument, settings: PolicyLintSettings): PolicyFinding[] => {
    if (host.kind === 'policy') {
      return service.findProblems(host.policies[0].policy, settings);
    }
    const findings: PolicyFinding[] = [];
    for (const policy of host.policies) {
      findings.push(...embeddedFindings(policy, service.findProblems(policy.policy, { ...settings, reportSyntaxErrors: 'all' })));
    }
    host.hostChecks?.((ruleId, finding) => {
      const setting = settings.rules[ruleId];
      if (setting !== 'off') {
        findings.push({ ...finding, ruleId, severity: setting ?? 'warning' });
      }
    });
    return findings.sort((a, b) => a.offset - b.offset);
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
