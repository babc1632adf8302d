/* S3 Bucket Policy — MIT License. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import { DEFAULT_RECOGNITION_SETTINGS } from '../service/policyRecognition';
import type { PolicyRecognitionSettings, RuleSetting } from '../service/policyLanguageTypes';
import { UsageError, checkRuleId, checkRuleSetting } from './options';

/** The name of the optional configuration file, looked up from the working directory upwards. */
export const CONFIG_FILE_NAME = '.s3policylintrc.json';

/** The configuration in force: the editor's `s3Policy.*` settings, read from `.s3policylintrc.json` when there is one. */
export interface CliConfig {
  /** The configuration file used, if any. */
  file: string | undefined;
  /** Where `files` globs are matched from: the configuration file's directory, or the working directory. */
  baseDirectory: string;
  rules: Record<string, RuleSetting>;
  recognition: PolicyRecognitionSettings;
}

const KNOWN_KEYS = new Set(['$schema', 'rules', 'files', 'detectByContent']);

/** The nearest `.s3policylintrc.json` in `directory` or one of its parents. */
export function findConfigFile(directory: string): string | undefined {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(current) === current) {
      return undefined;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the configuration that applies in `cwd`. Throws `UsageError` naming the file and the
 * member when the file cannot be read or does not have the documented shape, so a typo never
 * silently turns a rule back on.
 */
export function loadConfig(cwd: string, ruleIds: readonly string[]): CliConfig {
  const file = findConfigFile(cwd);
  const config: CliConfig = { file, baseDirectory: path.resolve(cwd), rules: {}, recognition: DEFAULT_RECOGNITION_SETTINGS };
  if (file === undefined) {
    return config;
  }
  config.baseDirectory = path.dirname(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the configuration: ${(error as Error).message}`);
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    throw new UsageError(`${file}: not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}).`);
  }
  if (!isRecord(raw)) {
    throw new UsageError(`${file}: expected an object such as {"rules": {"missingVersion": "off"}}.`);
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new UsageError(`${file}: unknown member "${key}"; the configuration has "rules", "files" and "detectByContent".`);
    }
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) {
      throw new UsageError(`${file}: "rules" must be an object of rule ids to off, information, warning or error.`);
    }
    for (const [id, setting] of Object.entries(raw.rules)) {
      config.rules[checkRuleId(id, ruleIds, `${file}: "rules"`)] = checkRuleSetting(setting, id, `${file}: "rules"`);
    }
  }
  if (raw.files !== undefined && !(Array.isArray(raw.files) && raw.files.every((glob) => typeof glob === 'string'))) {
    throw new UsageError(`${file}: "files" must be an array of glob strings such as "**/*.policy.json".`);
  }
  if (raw.detectByContent !== undefined && typeof raw.detectByContent !== 'boolean') {
    throw new UsageError(`${file}: "detectByContent" must be true or false.`);
  }
  config.recognition = {
    files: raw.files ?? DEFAULT_RECOGNITION_SETTINGS.files,
    detectByContent: raw.detectByContent ?? DEFAULT_RECOGNITION_SETTINGS.detectByContent,
  };
  return config;
}
