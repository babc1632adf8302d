/* S3 Bucket Policy — MIT License. */
/**
 * `s3-policy-lint`: the language service's checks from a terminal or CI.
 * Usage: s3-policy-lint [--format text|json] [--fix] <file|directory>...
 * Exit codes: 0 no error-level finding, 1 at least one, 2 usage or I/O errors.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import packageJson from '../../../package.json';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from '../service/policyLanguageService';
import { DEFAULT_RECOGNITION_SETTINGS, describeNonPolicy } from '../service/policyRecognition';
import type { PolicyFinding } from '../service/policyLanguageTypes';
import { collectTargets, writeFileAtomically } from './files';

const USAGE = `Usage: s3-policy-lint [--format text|json] [--fix] <file|directory>...

Checks Amazon S3 bucket policies offline. A directory is searched for policy files
(names such as *bucket-policy*.json, or JSON whose top level looks like a policy).

Options:
  --format text|json  output format (default: text)
  --fix               apply every preferred fix, writing each file atomically
  --version           print the version
  --help              print this help

Exit codes: 0 no errors, 1 error-level findings, 2 usage or I/O errors.`;

interface FileReport {
  file: string;
  diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

interface Options {
  format: 'text' | 'json';
  fix: boolean;
  paths: string[];
}

function parseArguments(argv: string[]): Options | string {
  const options: Options = { format: 'text', fix: false, paths: [] };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--fix') {
      options.fix = true;
    } else if (argument === '--format' || argument.startsWith('--format=')) {
      const value = argument.includes('=') ? argument.slice('--format='.length) : argv[++index];
      if (value !== 'text' && value !== 'json') {
        return `Unknown format "${value ?? ''}": use text or json.`;
      }
      options.format = value;
    } else if (argument.startsWith('-') && argument !== '-') {
      return `Unknown option "${argument}".`;
    } else {
      options.paths.push(argument);
    }
  }
  return options.paths.length === 0 ? 'No file or directory given.' : options;
}

function report(file: string, text: string, findings: PolicyFinding[]): FileReport {
  const document = TextDocument.create('file:///lint', 'json', 0, text);
  return {
    file,
    diagnostics: findings.map((finding) => ({
      code: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      range: { start: document.positionAt(finding.offset), end: document.positionAt(finding.offset + finding.length) },
    })),
  };
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`s3-policy-lint ${packageJson.version}\n`);
    return 0;
  }
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    process.stderr.write(`s3-policy-lint: ${options}\n\n${USAGE}\n`);
    return 2;
  }
  const service = getPolicyLanguageService();
  const settings = DEFAULT_LINT_SETTINGS;
  const { targets, errors } = collectTargets(options.paths, (file, text) => service.isBucketPolicy(file, service.parse(text), DEFAULT_RECOGNITION_SETTINGS));
  let ioFailures = errors.length;
  errors.forEach((message) => process.stderr.write(`s3-policy-lint: ${message}\n`));

  const reports: FileReport[] = [];
  for (const target of targets) {
    let text = target.text;
    let policy = service.parse(text);
    if (!target.isPolicy) {
      const finding: PolicyFinding = { ruleId: 'notAPolicy', severity: 'error', offset: 0, length: 0, message: describeNonPolicy(policy), fixes: [] };
      reports.push(report(target.file, text, [finding]));
      continue;
    }
    if (options.fix) {
      const fixed = service.fixAll(text, settings);
      if (fixed.text !== text) {
        try {
          writeFileAtomically(target.file, fixed.text);
          text = fixed.text;
          policy = service.parse(text);
        } catch (error) {
          ioFailures++;
          process.stderr.write(`s3-policy-lint: could not write ${target.file}: ${error instanceof Error ? error.message : String(error)}; the file is unchanged.\n`);
        }
      }
    }
    reports.push(report(target.file, text, service.findProblems(policy, settings)));
  }

  const all = reports.flatMap((fileReport) => fileReport.diagnostics);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    for (const fileReport of reports) {
      for (const diagnostic of fileReport.diagnostics) {
        process.stdout.write(`${fileReport.file}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}\n`);
      }
    }
    const count = (severity: string) => all.filter((diagnostic) => diagnostic.severity === severity).length;
    process.stdout.write(`${all.length} problem${all.length === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('information')} information) in ${reports.length} file${reports.length === 1 ? '' : 's'}\n`);
  }
  if (ioFailures > 0) {
    return 2;
  }
  return all.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
