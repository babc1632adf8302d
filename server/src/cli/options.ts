/* S3 Bucket Policy — MIT License. */
import type { RuleSetting } from '../service/policyLanguageTypes';

/** Output formats of `s3-policy-lint`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** The command line, parsed. */
export interface CliOptions {
  format: OutputFormat;
  fix: boolean;
  /** Report error-level findings only; warnings then do not count against `maxWarnings`. */
  quiet: boolean;
  /** More warnings than this make the exit code 1; undefined means no limit. */
  maxWarnings: number | undefined;
  /**
   * Named files are recognised as directories' files are, and those that are not policies skipped
   * instead of reported as `notAPolicy`: for callers that pass every file of some kinds (pre-commit).
   */
  onlyPolicies: boolean;
  /** `--rule id=severity` overrides, applied over the configuration file. */
  rules: Record<string, RuleSetting>;
  /** Files, directories, globs, and `-` for standard input, in the order given. */
  paths: string[];
  help: boolean;
  version: boolean;
}

/** A command line that cannot be run: the message says what is wrong and what to write instead. */
export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'information', 'warning', 'error'];

/** The usage text printed by `--help` and after a usage error. */
export const USAGE = `Usage: s3-policy-lint [options] <file|directory|glob|->...

Checks Amazon S3 bucket policies offline, with the same rules as the editor extension.
A file named explicitly is always checked; a directory or a glob ('policies/**/*.json')
contributes only the files recognised as bucket policies (by name, e.g. *bucket-policy*.json,
or by content). "-" reads one policy from standard input (reported as <stdin>).

Options:
  --format text|json|sarif   output format (default: text)
  --fix                      apply every preferred fix, writing each file atomically
  --quiet                    report errors only
  --only-policies            skip named files that are not bucket policies (recognised as in a
                             directory) instead of reporting them as notAPolicy
  --max-warnings N           exit 1 when there are more than N warnings
  --rule ID=SEVERITY         set a rule to off, information, warning or error (repeatable)
  --version                  print the version
  --help                     print this help

Access (FILE: a policy file, a CloudFormation template or a Terraform file):
  s3-policy-lint access FILE... [--format text|json]                     who can do what
  s3-policy-lint simulate FILE --request REQUEST.json [--expect allow|deny] [--policy NAME] [--format text|json]
  s3-policy-lint simulate FILE --expectations EXPECT.json [--policy NAME] [--format text|json]
    --policy NAME         the policy of a file with several (the names access prints)
    --expect allow|deny   exit 1 unless the decision is that one, for certain
    --expectations FILE   [{"name", "policy"?, "request", "expect"}]: exit 1 when one fails

Configuration: the nearest .s3policylintrc.json from the working directory upwards,
  {"rules": {"ID": "SEVERITY"}, "files": ["**/*.policy.json"], "detectByContent": true}

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage, configuration or I/O errors (the other files are still checked and reported).`;

/** Parses `ID=SEVERITY`, checking the id against the rule registry. */
export function parseRuleSetting(text: string, ruleIds: readonly string[], where: string): [string, RuleSetting] {
  const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(text);
  if (!match) {
    throw new UsageError(`${where}: expected ID=SEVERITY, for example missingVersion=off; got "${text}".`);
  }
  return [checkRuleId(match[1], ruleIds, where), checkRuleSetting(match[2], match[1], where)];
}

/** Returns `id` when the registry has it, otherwise throws a usage error listing the rules. */
export function checkRuleId(id: string, ruleIds: readonly string[], where: string): string {
  if (!ruleIds.includes(id)) {
    const near = ruleIds.find((known) => known.toLowerCase() === id.toLowerCase());
    throw new UsageError(`${where}: unknown rule "${id}".${near ? ` Did you mean "${near}"?` : ''} Rules: ${ruleIds.join(', ')}.`);
  }
  return id;
}

/** Returns `value` when it is a rule setting, otherwise throws a usage error. */
export function checkRuleSetting(value: unknown, id: string, where: string): RuleSetting {
  if (!RULE_SETTINGS.includes(value as RuleSetting)) {
    throw new UsageError(`${where}: "${String(value)}" is not a setting for rule "${id}": use ${RULE_SETTINGS.join(', ')}.`);
  }
  return value as RuleSetting;
}

/** Parses the arguments after `s3-policy-lint`; throws `UsageError` on anything it does not understand. */
export function parseArguments(argv: readonly string[], ruleIds: readonly string[]): CliOptions {
  const options: CliOptions = { format: 'text', fix: false, quiet: false, onlyPolicies: false, maxWarnings: undefined, rules: {}, paths: [], help: false, version: false };
  let index = 0;
  const valueOf = (argument: string, name: string): string => {
    if (argument.startsWith(`${name}=`)) {
      return argument.slice(name.length + 1);
    }
    const value = argv[++index];
    if (value === undefined) {
      throw new UsageError(`${name} needs a value.`);
    }
    return value;
  };
  for (; index < argv.length; index++) {
    const argument = argv[index];
    const name = argument.split('=', 1)[0];
    if (argument === '--') {
      options.paths.push(...argv.slice(index + 1));
      break;
    } else if (argument === '--help' || argument === '-h') {
      options.help = true;
    } else if (argument === '--version') {
      options.version = true;
    } else if (argument === '--fix') {
      options.fix = true;
    } else if (argument === '--quiet') {
      options.quiet = true;
    } else if (argument === '--only-policies') {
      options.onlyPolicies = true;
    } else if (name === '--format') {
      const value = valueOf(argument, name);
      if (!FORMATS.includes(value as OutputFormat)) {
        throw new UsageError(`Unknown format "${value}": use ${FORMATS.join(', ')}.`);
      }
      options.format = value as OutputFormat;
    } else if (name === '--max-warnings') {
      const value = valueOf(argument, name);
      if (!/^\d+$/.test(value)) {
        throw new UsageError(`--max-warnings needs a whole number of warnings (0 or more); got "${value}".`);
      }
      options.maxWarnings = Number(value);
    } else if (name === '--rule') {
      const [id, setting] = parseRuleSetting(valueOf(argument, name), ruleIds, '--rule');
      options.rules[id] = setting;
    } else if (argument.startsWith('-') && argument !== '-') {
      throw new UsageError(`Unknown option "${argument}". A file whose name starts with "-" goes after "--".`);
    } else {
      options.paths.push(argument);
    }
  }
  if (!options.help && !options.version) {
    if (options.paths.length === 0) {
      throw new UsageError('No file, directory or glob given.');
    }
    if (options.fix && options.paths.includes('-')) {
      throw new UsageError('--fix cannot write back to standard input: save the policy to a file and fix that file.');
    }
  }
  return options;
}
