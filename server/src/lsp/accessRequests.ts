/* S3 Bucket Policy — MIT License. */
/**
 * The access features over LSP: a CodeLens above each bucket policy whose title (the one-line
 * summary) is computed only when the editor resolves it, and the custom requests of
 * common/accessProtocol.ts (the summary of *Explain access*, the choices and the answer of *What
 * if…*). Nothing here runs on a keystroke: each answer is computed when the editor asks, once per
 * parsed policy (service/access/accessInEditor.ts).
 */
import type { CancellationToken, CodeLens, Connection, TextDocuments } from 'vscode-languageserver';
import { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ACCESS_SUMMARY_REQUEST, AccessLensData, AccessSummaryResult, EXPLAIN_ACCESS_COMMAND, PolicySelector, WHAT_IF_CHOICES_REQUEST, WHAT_IF_REQUEST, WhatIfChoices, WhatIfParams, WhatIfResult,
} from '../../../common/accessProtocol';
import { policyAccess, selectPolicy, summarizablePolicies, summaryOf, summaryUnavailable, whatIf, whatIfChoices } from '../service/access/accessInEditor';
import type { HostDocument } from '../service/hosts/embeddedPolicy';
import { runSafe } from './runSafe';

/** What the handlers need from the server. */
export interface AccessRequestContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  hostOf: (document: TextDocument) => Promise<HostDocument>;
  log: (message: string) => void;
}

/** The lens of a policy whose summary cannot be shown; its empty command makes it plain text. */
function plainLens(lens: CodeLens, title: string): CodeLens {
  return { ...lens, command: { title, command: '' } };
}

/** Registers the CodeLens handlers and the access requests. The server must announce `codeLensProvider: { resolveProvider: true }`. */
export function registerAccessRequests({ connection, documents, hostOf, log }: AccessRequestContext): void {
  const withDocument = async <T>(uri: string, neutral: T, work: (document: TextDocument, host: HostDocument) => T): Promise<T> => {
    const document = documents.get(uri);
    return document ? work(document, await hostOf(document)) : neutral;
  };

  connection.onCodeLens((params, token) => runSafe(log, `computing code lenses for ${params.textDocument.uri}`, [], token, () => withDocument(params.textDocument.uri, [], (document, host) =>
    summarizablePolicies(host).map((index): CodeLens => {
      const policy = host.policies[index];
      const at = policy.nameRange ?? (policy.view ? policy.range : policy.policy.root ?? policy.range);
      const position = document.positionAt(at.offset);
      const data: AccessLensData = { uri: document.uri, policy: index };
      return { range: Range.create(position, position), data };
    }))));

  connection.onCodeLensResolve((lens, token) => runSafe(log, 'resolving a code lens', plainLens(lens, 'Access summary unavailable'), token, () => {
    const data = lens.data as Partial<AccessLensData> | undefined;
    if (typeof data?.uri !== 'string' || typeof data.policy !== 'number') {
      return plainLens(lens, 'Access summary unavailable');
    }
    const policy = data.policy;
    return withDocument(data.uri, plainLens(lens, 'Access summary unavailable: the document is closed'), (_document, host) => {
      if (!summarizablePolicies(host).includes(policy)) {
        return plainLens(lens, 'Access summary unavailable: the document has changed');
      }
      const unavailable = summaryUnavailable(host.policies[policy]);
      return unavailable ? plainLens(lens, unavailable) : { ...lens, command: { title: summaryOf(host.policies[policy], host.text).line, command: EXPLAIN_ACCESS_COMMAND, arguments: [data.uri, policy] } };
    });
  }));

  connection.onRequest(ACCESS_SUMMARY_REQUEST, (params: PolicySelector, token: CancellationToken) => runSafe(log, `computing the access summary of ${params?.textDocument?.uri}`, null, token, () =>
    withDocument<AccessSummaryResult | null>(params.textDocument.uri, null, (document, host) => {
      const selected = params.policy !== undefined || params.position !== undefined ? selectPolicy(document, host, params) : undefined;
      const indexes = selected !== undefined ? [selected] : summarizablePolicies(host);
      return { uri: document.uri, version: document.version, policies: indexes.map((index) => policyAccess(document, host, index)) };
    })));

  connection.onRequest(WHAT_IF_CHOICES_REQUEST, (params: PolicySelector, token: CancellationToken) => runSafe(log, `reading the what-if choices of ${params?.textDocument?.uri}`, null, token, () =>
    withDocument<WhatIfChoices | null>(params.textDocument.uri, null, (document, host) => {
      const index = selectPolicy(document, host, params);
      return index === undefined ? null : whatIfChoices(document, host, index);
    })));

  connection.onRequest(WHAT_IF_REQUEST, (params: WhatIfParams, token: CancellationToken) => runSafe(log, `answering a what-if request on ${params?.textDocument?.uri}`, null, token, () =>
    withDocument<WhatIfResult | null>(params.textDocument.uri, null, (document, host) => whatIf(document, host, params))));
}
