/* S3 Bucket Policy — MIT License. */
/**
 * `s3-policy-lint access FILE... [--format text|json]`: who can do what under each policy.
 * `s3-policy-lint simulate FILE --request REQUEST.json [--format text|json] [--expect allow|deny]`:
 * AWS's decision for one request. Exit codes: 0 answered, 1 the decision differs from --expect,
 * 2 bad input (usage, unreadable or unparsable files).
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { AccessSummary, summarizeAccess } from '../service/access/accessSummary';
import { evaluateAccess } from '../service/access/evaluateAccess';
import { principalAccount } from '../service/access/requestContext';
import type { AccessResult } from '../service/access/types';
import { stringValue } from '../service/parser/nodeUtils';
import { parsePolicy } from '../service/parser/parsePolicy';
import type { PolicyDocument } from '../service/parser/policyDocument';
import { readUtf8 } from './files';
import { UsageError } from './options';
import { readSimulateRequest } from './simulateRequest';

/** The options of the two commands. */
interface CommandOptions {
  files: string[];
  format: 'text' | 'json';
  request: string | undefined;
  expect: 'allow' | 'deny' | undefined;
}

function parseCommandArguments(command: 'access' | 'simulate', argv: readonly string[]): CommandOptions {
  const options: CommandOptions = { files: [], format: 'text', request: undefined, expect: undefined };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const [name, inline] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    const value = (): string => {
      const found = inline ?? argv[++index];
      if (found === undefined) {
        throw new UsageError(`${name} needs a value.`);
      }
      return found;
    };
    if (name === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') {
        throw new UsageError(`Unknown format "${format}" for ${command}: use text or json.`);
      }
      options.format = format;
    } else if (name === '--request' && command === 'simulate') {
      options.request = value();
    } else if (name === '--expect' && command === 'simulate') {
      const expected = value();
      if (expected !== 'allow' && expected !== 'deny') {
        throw new UsageError(`--expect takes allow or deny; got "${expected}".`);
      }
      options.expect = expected;
    } else if (argument.startsWith('-')) {
      throw new UsageError(`Unknown option "${argument}" for ${command}.`);
    } else {
      options.files.push(argument);
    }
  }
  if (options.files.length === 0) {
    throw new UsageError(command === 'access' ? 'access needs at least one policy file.' : 'simulate needs a policy file.');
  }
  if (command === 'simulate' && (options.files.length > 1 || options.request === undefined)) {
    throw new UsageError('Usage: s3-policy-lint simulate FILE --request REQUEST.json [--format text|json] [--expect allow|deny]');
  }
  return options;
}

/** Reads and parses a policy file; a file that is not a JSON object with statements is bad input. */
function readPolicy(file: string): { text: string; policy: PolicyDocument } {
  let text: string;
  try {
    text = readUtf8(file);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  const policy = parsePolicy(text);
  if (policy.root?.type !== 'object' || policy.statementNode === undefined) {
    throw new UsageError(`${file}: not a policy (a JSON object with a Statement).`);
  }
  return { text, policy };
}

function rangeOf(text: string, offset: number, length: number): Range {
  const document = TextDocument.create('file:///policy.json', 'json', 1, text);
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

/** The JSON of one policy's summary, as the issue specifies it (`grants` designed here). */
function summaryJson(file: string, text: string, policy: PolicyDocument, summary: AccessSummary): object {
  const root = policy.root!;
  return {
    name: stringValue(policy.topMembers.get('Id')?.valueNode) ?? path.basename(file),
    range: rangeOf(text, root.offset, root.length),
    public: summary.public,
    publicActions: summary.publicActions,
    httpsOnly: summary.httpsOnly,
    grants: summary.grants.map((grant) => ({
      who: grant.who,
      via: grant.via ?? null,
      accessLevels: grant.accessLevels,
      actions: grant.actions,
      ifIdentityAllows: grant.ifIdentityAllows,
      httpsOnly: grant.httpsOnly,
      onlyOverHttp: grant.onlyOverHttp,
      statements: grant.statements,
    })),
    publicStatements: summary.publicStatements.map((statement) => ({ statement: statement.index, sid: statement.sid ?? null, reason: statement.reason, range: rangeOf(text, statement.range.offset, statement.range.length) })),
    assumes: summary.assumes,
    summary: summary.line,
  };
}

function summaryText(file: string, summary: AccessSummary): string {
  const lines = [`${file}: ${summary.line}`];
  for (const grant of summary.grants) {
    const where = grant.via ? ` through ${grant.via.value}` : '';
    const notes = [grant.ifIdentityAllows ? 'if its identity policies allow' : '', grant.onlyOverHttp ? 'over HTTP only' : grant.httpsOnly ? 'HTTPS only' : 'HTTP not denied'].filter(Boolean).join(', ');
    lines.push(`  ${grant.who.label}${where}: ${grant.accessLevels.join(', ')} (${grant.actions.length} action${grant.actions.length === 1 ? '' : 's'}: ${grant.actions.slice(0, 3).join(', ')}${grant.actions.length > 3 ? ', …' : ''}) — ${notes}; statement${grant.statements.length === 1 ? '' : 's'} ${grant.statements.join(', ') || '(identity policies)'}`);
  }
  for (const statement of summary.publicStatements) {
    lines.push(`  Public for S3: statement ${statement.sid ?? statement.index}: ${statement.reason}`);
  }
  if (summary.assumes.length > 0) {
    lines.push(`  Assumes requests send: ${summary.assumes.join('; ')}`);
  }
  return lines.join('\n');
}

/** `s3-policy-lint access`. */
export function runAccess(argv: readonly string[], write: (text: string) => void): number {
  const options = parseCommandArguments('access', argv);
  const reports = options.files.map((file) => {
    const { text, policy } = readPolicy(file);
    return { file, text, policy, summary: summarizeAccess(policy, undefined) };
  });
  if (options.format === 'json') {
    write(`${JSON.stringify(reports.map(({ file, text, policy, summary }) => ({ file, policies: [summaryJson(file, text, policy, summary)] })), null, 2)}\n`);
  } else {
    write(`${reports.map(({ file, summary }) => summaryText(file, summary)).join('\n\n')}\n`);
  }
  return 0;
}

/** An account ID for the bucket owner when the request does not say: one the caller is not in, so the request counts as cross-account. */
function defaultOwner(caller: string | undefined): string {
  return caller === '000000000000' ? '000000000001' : '000000000000';
}

/** `s3-policy-lint simulate`. */
export function runSimulate(argv: readonly string[], write: (text: string) => void): number {
  const options = parseCommandArguments('simulate', argv);
  const { text, policy } = readPolicy(options.files[0]);
  let requestText: string;
  try {
    requestText = readUtf8(options.request!);
  } catch (error) {
    throw new UsageError(`${options.request!}: ${(error as Error).message}`);
  }
  const input = readSimulateRequest(requestText, options.request!);
  const owner = input.resourceAccount ?? defaultOwner(principalAccount(input.request.principal));
  const result = evaluateAccess(input.request, {
    bucketPolicy: policy,
    bucketOwnerAccount: owner,
    identityPolicies: input.identityPolicies?.map((identity) => parsePolicy(identity)),
    blockPublicAccess: input.blockPublicAccess,
  });
  const explanation = [
    ...(input.resourceAccount === undefined ? [`resourceAccount not given: the bucket owner is taken to be another account than the caller's (${owner}).`] : []),
    ...(input.identityPolicies === undefined && input.request.principal.kind !== 'anonymous' && input.request.principal.kind !== 'service' ? ['identityPolicies not given: they are unknown, not empty.'] : []),
    ...result.explanation, ...result.qualifiers,
    ...result.dependsOn.map((dependency) => `Depends on ${dependency.description}.`),
  ];
  const deciding = result.deciding.filter((statement) => statement.policy === 'bucket');
  if (options.format === 'json') {
    write(`${JSON.stringify({
      decision: result.decision,
      deciding: deciding.map((statement) => ({ statement: statement.index, sid: statement.sid ?? null, range: rangeOf(text, statement.range.offset, statement.range.length) })),
      explanation,
      ...(result.blockedBy ? { blockedBy: result.blockedBy } : {}),
      ...(result.requiresIdentityAllow ? { requiresIdentityAllow: result.requiresIdentityAllow } : {}),
      statements: result.statements.filter((statement) => statement.policy === 'bucket').map((statement) => ({ statement: statement.index, sid: statement.sid ?? null, applies: statement.applies, failedElement: statement.failedElement ?? null, reasons: statement.reasons })),
    }, null, 2)}\n`);
  } else {
    write(`${simulateText(options.files[0], text, result, deciding)}\n`);
  }
  if (options.expect === undefined) {
    return 0;
  }
  const matches = options.expect === 'allow' ? result.decision === 'allow' : result.decision !== 'allow';
  return matches ? 0 : 1;
}

function simulateText(file: string, text: string, result: AccessResult, deciding: AccessResult['deciding']): string {
  const lines: string[] = [result.decision];
  for (const statement of deciding) {
    const start = rangeOf(text, statement.range.offset, 0).start;
    lines.push(`  ${file}:${start.line + 1}:${start.character + 1} statement ${statement.index}${statement.sid ? ` (${statement.sid})` : ''}`);
  }
  lines.push(...result.explanation.map((line) => `  ${line}`), ...result.qualifiers.map((line) => `  ${line}`), ...result.dependsOn.map((dependency) => `  Depends on ${dependency.description}.`));
  return lines.join('\n');
}

/** Runs `access` or `simulate`: 2 on a usage error (the message goes to `printError`). */
export function runAccessCommand(command: 'access' | 'simulate', argv: readonly string[], write: (text: string) => void, printError: (message: string) => void): number {
  try {
    return command === 'access' ? runAccess(argv, write) : runSimulate(argv, write);
  } catch (error) {
    if (error instanceof UsageError) {
      printError(error.message);
      return 2;
    }
    throw error;
  }
}
