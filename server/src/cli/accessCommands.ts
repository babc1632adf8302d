/* S3 Bucket Policy — MIT License. */
/**
 * `s3-policy-lint access FILE... [--format text|json]`: who can do what under each bucket policy.
 * `s3-policy-lint simulate FILE (--request REQUEST.json [--expect allow|deny] | --expectations
 * EXPECT.json) [--policy NAME] [--format text|json]`: AWS's decision for one request, or for each
 * request of a file of expectations. FILE is a JSON policy file, a CloudFormation template or a
 * Terraform file. Exit codes: 0 answered (every expectation held), 1 a decision differs from
 * --expect (an expectation failed), 2 bad input (usage, unreadable or unparsable files).
 */
import { grantUncertainty, summaryOf, unknownWordsByStatement } from '../service/access/accessInEditor';
import type { AccessSummary } from '../service/access/accessSummary';
import { evaluateAccess } from '../service/access/evaluateAccess';
import { principalAccount } from '../service/access/requestContext';
import type { AccessResult } from '../service/access/types';
import { splitArn } from '../service/arns';
import { conditionEntries } from '../service/conditionEntries';
import { parsePolicy } from '../service/parser/parsePolicy';
import { AccessFile, AccessPolicy, readAccessFiles } from './accessHosts';
import { Expectation, readExpectations } from './expectations';
import { readUtf8 } from './files';
import { UsageError } from './options';
import { readSimulateRequest, SimulateRequest } from './simulateRequest';

/** The options of the two commands. */
interface CommandOptions {
  files: string[];
  format: 'text' | 'json';
  request: string | undefined;
  expect: 'allow' | 'deny' | undefined;
  policy: string | undefined;
  expectations: string | undefined;
}

const SIMULATE_USAGE = 'Usage: s3-policy-lint simulate FILE --request REQUEST.json [--expect allow|deny] [--policy NAME] [--format text|json]\n'
  + '       s3-policy-lint simulate FILE --expectations EXPECT.json [--policy NAME] [--format text|json]';

function parseCommandArguments(command: 'access' | 'simulate', argv: readonly string[]): CommandOptions {
  const options: CommandOptions = { files: [], format: 'text', request: undefined, expect: undefined, policy: undefined, expectations: undefined };
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
    } else if (name === '--expectations' && command === 'simulate') {
      options.expectations = value();
    } else if (name === '--policy' && command === 'simulate') {
      options.policy = value();
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
  if (command === 'simulate') {
    if (options.files.length > 1 || (options.request === undefined) === (options.expectations === undefined)) {
      throw new UsageError(SIMULATE_USAGE);
    }
    if (options.expectations !== undefined && options.expect !== undefined) {
      throw new UsageError('--expect goes with --request; in an expectations file each entry has its own "expect".');
    }
  }
  return options;
}

/** One statement of a policy, as the JSON output names it. */
function statementJson(policy: AccessPolicy, statement: { index: number; sid: string | undefined; range: { offset: number; length: number } }) {
  return { statement: statement.index, sid: statement.sid ?? null, range: policy.rangeOf(statement.range.offset, statement.range.length) };
}

/** "file:line:col" of a span of a policy. */
function location(file: string, policy: AccessPolicy, offset: number): string {
  const start = policy.rangeOf(offset, 0).start;
  return `${file}:${start.line + 1}:${start.character + 1}`;
}

/** The summary of a policy with what each grant depends on among the values the host computes. */
function summaryParts(policy: AccessPolicy): { summary: AccessSummary; line: string; hostValues: Map<number, string>; grantDepends: (grant: AccessSummary['grants'][number]) => string[]; computed: (value: string) => string | undefined } {
  const tree = policy.embedded.policy;
  const summary = summaryOf(policy.embedded, policy.hostText);
  const hostValues = unknownWordsByStatement(tree, policy.unknowns);
  const uncertainty = grantUncertainty(tree, policy.unknowns);
  const values = [...new Set([...hostValues.values()].map(valuesOfWords))];
  const standIns = standInsOf(policy);
  // The summary names a network by the stand-in the view holds for a computed value: it shows the host's text instead.
  const line = [...standIns].reduce((text, [standIn, host]) => text.split(standIn).join(host), summary.line);
  return {
    summary,
    line: values.length > 0 ? `${line} · Depends on ${values.join(', ')}` : line,
    hostValues,
    grantDepends: (grant) => uncertainty(grant).map((index) => hostValues.get(index)!),
    computed: (value) => standIns.get(value),
  };
}

/** The condition values the host computes, from the stand-in the view holds to the host's text ("vpceid" → "!Ref VpceId"). */
function standInsOf(policy: AccessPolicy): Map<string, string> {
  const standIns = new Map<string, string>();
  for (const statement of policy.unknowns ? policy.embedded.policy.statements : []) {
    for (const node of conditionEntries(statement).flatMap((entry) => entry.values)) {
      const host = policy.unknowns!.describe(node);
      if (host) {
        standIns.set(String(node.value), host);
      }
    }
  }
  return standIns;
}

/** "!Ref VpceId" of "statement 1 (OnlyVpce): !Ref VpceId". */
function valuesOfWords(words: string): string {
  return words.slice(words.indexOf(': ') + 2);
}

/** The JSON of one policy's summary, as the issue specifies it (`grants` designed here). */
function summaryJson(policy: AccessPolicy): object {
  if (policy.unavailable) {
    return { name: policy.name, range: policy.range, unavailable: policy.unavailable };
  }
  const { summary, line, hostValues, grantDepends, computed } = summaryParts(policy);
  const bucket = policy.embedded.bucket;
  return {
    name: policy.name,
    range: policy.range,
    ...(bucket ? { bucket: { name: bucket.name, description: bucket.description } } : {}),
    public: summary.public,
    publicActions: summary.publicActions,
    httpsOnly: summary.httpsOnly,
    grants: summary.grants.map((grant) => ({
      who: grant.who,
      via: grant.via ? { ...grant.via, ...(computed(grant.via.value) ? { computed: computed(grant.via.value) } : {}) } : null,
      accessLevels: grant.accessLevels,
      actions: grant.actions,
      ifIdentityAllows: grant.ifIdentityAllows,
      httpsOnly: grant.httpsOnly,
      onlyOverHttp: grant.onlyOverHttp,
      statements: grant.statements,
      dependsOn: grantDepends(grant),
    })),
    publicStatements: summary.publicStatements.map((statement) => ({ ...statementJson(policy, statement), reason: statement.reason })),
    assumes: summary.assumes,
    dependsOn: [...hostValues.values()],
    summary: line,
  };
}

function summaryText(file: AccessFile, policy: AccessPolicy): string {
  // A policy file keeps its one-line heading; a template's or Terraform file's policies are named where they are.
  const heading = file.kind === 'policy' ? file.file : `${file.file}:${policy.range.start.line + 1}:${policy.range.start.character + 1} ${policy.name}`;
  if (policy.unavailable) {
    return `${heading}: no summary: ${policy.unavailable}`;
  }
  const { summary, line, hostValues, grantDepends, computed } = summaryParts(policy);
  const lines = [`${heading}: ${line}`];
  for (const grant of summary.grants) {
    const where = grant.via ? ` through ${computed(grant.via.value) ?? grant.via.value}` : '';
    const depends = grantDepends(grant);
    const notes = [
      grant.ifIdentityAllows ? 'if its identity policies allow' : '', grant.onlyOverHttp ? 'over HTTP only' : grant.httpsOnly ? 'HTTPS only' : 'HTTP not denied',
      depends.length > 0 ? `depends on ${[...new Set(depends.map(valuesOfWords))].join(', ')}` : '',
    ].filter(Boolean).join(', ');
    lines.push(`  ${grant.who.label}${where}: ${grant.accessLevels.join(', ')} (${grant.actions.length} action${grant.actions.length === 1 ? '' : 's'}: ${grant.actions.slice(0, 3).join(', ')}${grant.actions.length > 3 ? ', …' : ''}) — ${notes}; statement${grant.statements.length === 1 ? '' : 's'} ${grant.statements.join(', ') || '(identity policies)'}`);
  }
  for (const statement of summary.publicStatements) {
    lines.push(`  Public for S3: statement ${statement.sid ?? statement.index}: ${statement.reason}`);
  }
  if (summary.assumes.length > 0) {
    lines.push(`  Assumes requests send: ${summary.assumes.join('; ')}`);
  }
  if (hostValues.size > 0) {
    lines.push(`  Depends on values the ${file.kind === 'terraform' ? 'Terraform configuration' : 'template'} computes: ${[...hostValues.values()].join('; ')}`);
  }
  return lines.join('\n');
}

/** `s3-policy-lint access`. */
export async function runAccess(argv: readonly string[], write: (text: string) => void): Promise<number> {
  const options = parseCommandArguments('access', argv);
  const files = await readAccessFiles(options.files);
  if (options.format === 'json') {
    write(`${JSON.stringify(files.map((file) => ({ file: file.file, policies: file.policies.map(summaryJson) })), null, 2)}\n`);
  } else {
    write(`${files.map((file) => file.policies.map((policy) => summaryText(file, policy)).join('\n\n')).join('\n\n')}\n`);
  }
  return 0;
}

/** An account ID for the bucket owner when the request does not say: one the caller is not in, so the request counts as cross-account. */
function defaultOwner(caller: string | undefined): string {
  return caller === '000000000000' ? '000000000001' : '000000000000';
}

/** The policy of a file that `--policy` (or an expectation's "policy") names; a file with one policy needs no name. */
function choosePolicy(file: AccessFile, name: string | undefined, where: string, how: string): AccessPolicy {
  const names = file.policies.map((policy) => policy.name).join(', ');
  if (name === undefined) {
    if (file.policies.length === 1) {
      return file.policies[0];
    }
    throw new UsageError(`${where}${file.file} holds ${file.policies.length} bucket policies: choose one with ${how} (${names}).`);
  }
  const policy = file.policies.find((candidate) => candidate.name === name);
  if (!policy) {
    throw new UsageError(`${where}${file.file} has no bucket policy named "${name}": its policies are ${names}.`);
  }
  return policy;
}

/** One request's answer: the evaluator's result and what the output says of it. */
interface Answer {
  result: AccessResult;
  /** False when the decision rests on a value the host computes: `possible` holds more than one decision. */
  definite: boolean;
  /** Everything the answer depends on, with the host's text for its computed values. */
  dependsOn: { description: string; values: string | null }[];
  /** Lines of explanation, notes on assumptions first. */
  explanation: string[];
  deciding: AccessResult['deciding'];
}

/**
 * The request on the policy's bucket. In a template or Terraform file the bucket often has no name
 * the file says (a stand-in reads for it): a request names some bucket, and this policy decides only
 * requests on its own bucket, so the request is read as one on it. Where the file does write the
 * bucket's name, a request on another bucket is bad input: this policy does not decide it.
 */
function onPolicyBucket(policy: AccessPolicy, resource: string, where: string): { resource: string; note: string | undefined } {
  const bucket = policy.embedded.bucket;
  const arn = splitArn(resource);
  if (!policy.embedded.view || !bucket || !arn || arn.service !== 's3' || arn.account !== '' || arn.region !== '') {
    return { resource, note: undefined };
  }
  const slash = arn.resource.indexOf('/');
  const name = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
  if (name === bucket.name) {
    return { resource, note: undefined };
  }
  const onOwnBucket = `arn:${arn.partition}:s3:::${bucket.name}${slash < 0 ? '' : arn.resource.slice(slash)}`;
  if (bucket.named) {
    throw new UsageError(`${where}the request is on bucket "${name}", but ${policy.name} is the policy of ${bucket.description} ("${bucket.name}"), and a bucket policy decides only requests on its own bucket: ask about "${onOwnBucket}".`);
  }
  return {
    resource: onOwnBucket,
    note: `The request's bucket "${name}" is read as ${bucket.description}, which this policy is attached to ("${bucket.name}" here): a bucket policy decides only requests on its own bucket.`,
  };
}

/** Evaluates one request against one policy. */
function answer(policy: AccessPolicy, input: SimulateRequest, where = ''): Answer {
  const owner = input.resourceAccount ?? defaultOwner(principalAccount(input.request.principal));
  const { resource, note } = onPolicyBucket(policy, input.request.resource, where);
  const result = evaluateAccess({ ...input.request, resource }, {
    bucketPolicy: policy.embedded.policy,
    bucketOwnerAccount: owner,
    identityPolicies: input.identityPolicies?.map((identity) => parsePolicy(identity)),
    blockPublicAccess: input.blockPublicAccess,
    isUnknown: policy.isUnknown,
  });
  const dependsOn = result.dependsOn.map((dependency) => ({ description: dependency.description, values: (dependency.range && hostValuesAt(policy, dependency.range)) ?? null }));
  const explanation = [
    ...(note ? [note] : []),
    ...(input.resourceAccount === undefined ? [`resourceAccount not given: the bucket owner is taken to be another account than the caller's (${owner}).`] : []),
    ...(input.identityPolicies === undefined && input.request.principal.kind !== 'anonymous' && input.request.principal.kind !== 'service' ? ['identityPolicies not given: they are unknown, not empty.'] : []),
    ...result.explanation, ...result.qualifiers,
    ...dependsOn.map(dependsOnLine),
  ];
  const deciding = result.deciding.filter((statement) => statement.policy === 'bucket');
  return { result, definite: result.possible.length <= 1, dependsOn, explanation, deciding };
}

/**
 * The host's text for the computed values a dependency rests on: those of the condition entry whose
 * key the range is, else those of the statement that holds the range.
 */
function hostValuesAt(policy: AccessPolicy, range: { offset: number; length: number }): string | undefined {
  const unknowns = policy.unknowns;
  const statement = policy.embedded.policy.statements.find((candidate) => candidate.node.offset <= range.offset && range.offset < candidate.node.offset + candidate.node.length);
  if (!unknowns || !statement) {
    return undefined;
  }
  const entry = conditionEntries(statement).find((candidate) => candidate.keyNode.offset === range.offset);
  return (entry?.valueNode && unknowns.describe(entry.valueNode)) ?? unknowns.describe(statement.node);
}

function dependsOnLine(dependency: Answer['dependsOn'][number]): string {
  return `Depends on ${dependency.description}${dependency.values ? `: ${dependency.values}` : ''}.`;
}

/** The host values an uncertain answer rests on, in words: "!Ref VpceId", else "values the host computes". */
function hostValuesWords(answer: Answer): string {
  const values = [...new Set(answer.dependsOn.flatMap((dependency) => (dependency.values ? [dependency.values] : [])))];
  return values.length > 0 ? values.join(', ') : 'values not known here';
}

/** The decision in a few words: the decision, or every possible one and what they depend on. */
function decisionWords(answer: Answer): string {
  if (answer.definite) {
    return answer.result.decision;
  }
  const possible = [answer.result.decision, ...answer.result.possible.filter((decision) => decision !== answer.result.decision)];
  return `${possible.join(' or ')}, depending on ${hostValuesWords(answer)}`;
}

/** Whether an answer meets an expectation: a definite decision of the kind expected (deny: either kind). */
function meets(answer: Answer, expect: 'allow' | 'deny'): boolean {
  return answer.definite && (expect === 'allow' ? answer.result.decision === 'allow' : answer.result.decision !== 'allow');
}

function answerJson(policy: AccessPolicy, answer: Answer): object {
  const { result } = answer;
  return {
    decision: result.decision,
    possible: result.possible,
    dependsOn: answer.dependsOn,
    deciding: answer.deciding.map((statement) => statementJson(policy, statement)),
    explanation: answer.explanation,
    ...(result.blockedBy ? { blockedBy: result.blockedBy } : {}),
    ...(result.requiresIdentityAllow ? { requiresIdentityAllow: result.requiresIdentityAllow } : {}),
    statements: result.statements.filter((statement) => statement.policy === 'bucket').map((statement) => ({ statement: statement.index, sid: statement.sid ?? null, applies: statement.applies, failedElement: statement.failedElement ?? null, reasons: statement.reasons })),
  };
}

function decidingLines(file: string, policy: AccessPolicy, answer: Answer): string[] {
  return answer.deciding.map((statement) => `${location(file, policy, statement.range.offset)} statement ${statement.index}${statement.sid ? ` (${statement.sid})` : ''}`);
}

function simulateText(file: string, policy: AccessPolicy, answer: Answer): string {
  const { result } = answer;
  const lines: string[] = [decisionWords(answer), ...decidingLines(file, policy, answer).map((line) => `  ${line}`)];
  lines.push(...result.explanation.map((line) => `  ${line}`), ...result.qualifiers.map((line) => `  ${line}`), ...answer.dependsOn.map((dependency) => `  ${dependsOnLine(dependency)}`));
  return lines.join('\n');
}

/** Reads a request file: unreadable or invalid is bad input. */
function readRequestFile(file: string): SimulateRequest {
  let text: string;
  try {
    text = readUtf8(file);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  return readSimulateRequest(text, file);
}

/** `s3-policy-lint simulate`. */
export async function runSimulate(argv: readonly string[], write: (text: string) => void): Promise<number> {
  const options = parseCommandArguments('simulate', argv);
  if (options.expectations !== undefined) {
    const expectations = readExpectations(options.expectations);
    const [file] = await readAccessFiles(options.files);
    return runExpectations(file, expectations, options, write);
  }
  const input = readRequestFile(options.request!);
  const [file] = await readAccessFiles(options.files);
  const policy = evaluable(choosePolicy(file, options.policy, '', '--policy NAME'), '');
  const result = answer(policy, input);
  const holds = options.expect === undefined ? undefined : meets(result, options.expect);
  if (options.format === 'json') {
    write(`${JSON.stringify({ ...answerJson(policy, result), ...(file.policies.length > 1 ? { policy: policy.name } : {}), ...(options.expect ? { expected: options.expect, holds } : {}) }, null, 2)}\n`);
  } else {
    const expectation = options.expect === undefined ? [] : [`  Expected ${options.expect}: ${holds ? 'holds' : result.definite ? 'does not hold' : `not certain, the decision depends on ${hostValuesWords(result)}`}.`];
    write(`${[simulateText(file.file, policy, result), ...expectation].join('\n')}\n`);
  }
  return holds === false ? 1 : 0;
}

/** A policy the evaluator can read: one whose whole document the host computes is bad input for simulate. */
function evaluable(policy: AccessPolicy, where: string): AccessPolicy {
  if (policy.unavailable) {
    throw new UsageError(`${where}${policy.name} cannot be simulated: ${policy.unavailable}.`);
  }
  return policy;
}

/** Checks every expectation of a file in one run: exit 0 when all hold, 1 when any does not. */
function runExpectations(file: AccessFile, expectations: Expectation[], options: CommandOptions, write: (text: string) => void): number {
  // Every entry is checked for its policy before any is evaluated: bad input stops the run.
  const policies = expectations.map((expectation) => {
    const where = `${expectation.where}: `;
    const policy = evaluable(choosePolicy(file, expectation.policy ?? options.policy, where, '"policy": NAME in the entry, or --policy NAME for every entry'), where);
    onPolicyBucket(policy, expectation.request.request.resource, where);
    return policy;
  });
  const results = expectations.map((expectation, index) => {
    const policy = policies[index];
    const result = answer(policy, expectation.request);
    return { expectation, policy, result, holds: meets(result, expectation.expect) };
  });
  if (options.format === 'json') {
    write(`${JSON.stringify(results.map(({ expectation, policy, result, holds }) => ({
      name: expectation.name, policy: policy.name, expect: expectation.expect, holds, ...answerJson(policy, result),
    })), null, 2)}\n`);
  } else {
    const lines = results.flatMap(({ expectation, policy, result, holds }) => {
      const deciding = decidingLines(file.file, policy, result);
      const identity = result.definite && result.result.requiresIdentityAllow ? ` if account ${result.result.requiresIdentityAllow}'s identity policies allow it` : '';
      const head = `${holds ? '✓' : '✗'} ${expectation.name}: ${decisionWords(result)}${identity} (expected ${expectation.expect})${deciding.length > 0 ? ` — ${deciding.join(', ')}` : ''}`;
      return holds ? [head] : [head, ...result.result.explanation.map((line) => `    ${line}`), ...result.dependsOn.map((dependency) => `    ${dependsOnLine(dependency)}`)];
    });
    const failed = results.filter((entry) => !entry.holds).length;
    lines.push('', `${results.length - failed} of ${results.length} expectation${results.length === 1 ? '' : 's'} held${failed > 0 ? `; ${failed} failed` : ''}.`);
    write(`${lines.join('\n')}\n`);
  }
  return results.every((entry) => entry.holds) ? 0 : 1;
}

/** Runs `access` or `simulate`: 2 on a usage error (the message goes to `printError`). */
export async function runAccessCommand(command: 'access' | 'simulate', argv: readonly string[], write: (text: string) => void, printError: (message: string) => void): Promise<number> {
  try {
    return await (command === 'access' ? runAccess(argv, write) : runSimulate(argv, write));
  } catch (error) {
    if (error instanceof UsageError) {
      printError(error.message);
      return 2;
    }
    throw error;
  }
}
