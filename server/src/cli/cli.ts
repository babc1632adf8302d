/* S3 Bucket Policy — MIT License. */
/**
 * `s3-policy-lint`: the language service's checks from a terminal, a pre-commit hook or CI.
 * Usage and exit codes: see `USAGE` in options.ts and docs/cli.md.
 */
import packageJson from '../../../package.json';
import { AWS_DATA_DATE, AWS_DATA_SOURCE } from '../service/data/awsData';
import { REGIONS_SOURCE } from '../service/data/regions';
import { getHostedLanguageService } from '../service/hostedLanguageService';
import type { HostDocument } from '../service/hosts/embeddedPolicy';
import { policyFileDocument } from '../service/hosts/readHostDocument';
import { readsAsPastedPolicy } from '../service/pasted/pastedFindings';
import { getPolicyLanguageService } from '../service/policyLanguageService';
import { describeNonPolicy } from '../service/policyRecognition';
import type { PolicyFinding, PolicyLintSettings } from '../service/policyLanguageTypes';
import { ALL_RULE_DESCRIPTIONS } from '../service/ruleRegistry';
import { notAPolicy } from '../service/rules/notAPolicy';
import { runAccessCommand } from './accessCommands';
import type { ModuleFiles } from '../service/hosts/terraform/moduleFiles';
import { CliConfig, loadConfig } from './config';
import { diskModuleFiles } from './diskModuleFiles';
import { LintTarget, PolicyRecognizer, collectTargets, relativeInside, writeFileAtomically } from './files';
import { CliOptions, USAGE, UsageError, parseArguments } from './options';
import { FileReport, countSeverity, formatJson, formatText, plural, toDiagnostics, toRange } from './report';
import { formatSarif } from './sarif';
import { loadTerraformParser } from './terraformWasm';

const service = getPolicyLanguageService();
const hosted = getHostedLanguageService(service);
const printError = (message: string) => process.stderr.write(`s3-policy-lint: ${message}\n`);

function printVersion(): void {
  process.stdout.write(`s3-policy-lint ${packageJson.version}\nAWS data: ${AWS_DATA_DATE} (${AWS_DATA_SOURCE}); Regions: ${REGIONS_SOURCE}\n`);
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The editor's recognition rule with the configuration's globs, matched against the path relative
 * to the configuration's directory: a policy file (by name, or by content for files named
 * explicitly), or a CloudFormation template (by content). Returns the document read, or undefined.
 */
function recognizer(config: CliConfig, files: ModuleFiles): PolicyRecognizer<HostDocument> {
  return (absolutePath, text, explicit) => {
    const matchedPath = absolutePath === undefined ? undefined : relativeInside(config.baseDirectory, absolutePath) ?? absolutePath;
    const settings = explicit ? { ...config.recognition, detectByContent: true } : config.recognition;
    const host = hosted.read(text, matchedPath, undefined, settings, undefined, files);
    // A template or Terraform file found in a directory is checked when it holds a bucket policy; one named explicitly always is.
    if (host.kind === 'policy' || (host.kind !== 'none' && (explicit || host.policies.length > 0))) {
      return host;
    }
    // A file named explicitly that reads as a policy once repaired (a bare statement, a fragment) is linted as one.
    const policy = service.parse(text);
    return explicit && readsAsPastedPolicy(policy) ? policyFileDocument(text, policy) : undefined;
  };
}

/** Lints one target, fixing it first with `--fix`; a write failure is reported and leaves the file as it was. */
function lintTarget(target: LintTarget<HostDocument>, settings: PolicyLintSettings, config: CliConfig, options: CliOptions, ioErrors: string[], files: ModuleFiles): FileReport {
  const report: FileReport = { file: target.file, absolutePath: target.absolutePath, diagnostics: [], fixesApplied: 0, policies: [] };
  let text = target.text;
  let host = target.recognized;
  let findings: PolicyFinding[];
  if (!host) {
    const setting = settings.rules[notAPolicy.id] ?? notAPolicy.defaultSeverity;
    findings = setting === 'off' ? [] : [{ ruleId: notAPolicy.id, severity: setting, offset: 0, length: 0, message: describeNonPolicy(service.parse(text)), fixes: [] }];
  } else {
    const path = target.absolutePath === undefined ? undefined : relativeInside(config.baseDirectory, target.absolutePath) ?? target.absolutePath;
    const recognition = { ...config.recognition, detectByContent: true };
    if (options.fix) {
      // A policy file (a pasted one too, which recognition alone would not take) is fixed as a policy.
      const isPolicyFile = host.kind === 'policy';
      const fixed = isPolicyFile ? service.fixAll(text, settings) : hosted.fixAll(text, path, undefined, recognition, settings, files);
      if (fixed.text !== text) {
        try {
          writeFileAtomically(target.file, fixed.text, text);
          text = fixed.text;
          host = isPolicyFile ? policyFileDocument(text, service.parse(text)) : hosted.read(text, path, undefined, recognition, undefined, files);
          report.fixesApplied = fixed.appliedFixes;
        } catch (error) {
          const message = `${target.file}: could not write the fixes (${(error as Error).message}); the file is unchanged.`;
          ioErrors.push(message);
          printError(message);
        }
      }
    }
    findings = hosted.findProblems(host, settings);
    report.policies = host.policies.map((policy) => ({ name: policy.name ?? target.file, range: toRange(text, policy.range.offset, policy.range.length) }));
  }
  report.diagnostics = toDiagnostics(text, options.quiet ? findings.filter((finding) => finding.severity === 'error') : findings);
  return report;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'access' || argv[0] === 'simulate') {
    return runAccessCommand(argv[0], argv.slice(1), (text) => process.stdout.write(text), printError);
  }
  const ruleIds = ALL_RULE_DESCRIPTIONS.map((rule) => rule.id);
  let options: CliOptions;
  let config: CliConfig;
  try {
    options = parseArguments(argv, ruleIds);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (options.version) {
      printVersion();
      return 0;
    }
    config = loadConfig(process.cwd(), ruleIds);
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`${error.message}\nRun s3-policy-lint --help for the options.`);
      return 2;
    }
    throw error;
  }

  const settings: PolicyLintSettings = { rules: { ...config.rules, ...options.rules }, reportSyntaxErrors: 'all' };
  const stdinText = options.paths.includes('-') ? await readStandardInput() : undefined;
  const terraformError = await loadTerraformParser();
  if (terraformError) {
    printError(`Terraform files are not checked: the HCL parser did not load (${terraformError.message}).`);
  }
  // The other files of a Terraform module (a policy document in another .tf file, a templatefile target) are read from disk.
  const files = diskModuleFiles(config.baseDirectory);
  const { targets, errors } = collectTargets(options.paths, stdinText, recognizer(config, files), options.onlyPolicies);
  errors.forEach(printError);
  const ioErrors = [...errors];
  const reports = targets.map((target) => lintTarget(target, settings, config, options, ioErrors, files));

  if (options.format === 'json') {
    process.stdout.write(formatJson(reports));
  } else if (options.format === 'sarif') {
    const informationUri = packageJson.repository.url.replace(/\.git$/, '');
    process.stdout.write(formatSarif(reports, ioErrors, { version: packageJson.version, informationUri }, process.cwd()));
  } else {
    process.stdout.write(formatText(reports));
  }

  const warnings = countSeverity(reports, 'warning');
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) {
    printError(`${plural(warnings, 'warning')}, more than --max-warnings ${options.maxWarnings} allows.`);
  }
  if (ioErrors.length > 0) {
    return 2;
  }
  return countSeverity(reports, 'error') > 0 || tooManyWarnings ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  printError(`internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 2;
});
