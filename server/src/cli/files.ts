/* S3 Bucket Policy — MIT License. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** How standard input is named in reports. */
export const STDIN_NAME = '<stdin>';

/** The path of `absolutePath` relative to `base` when it lies inside `base`, else undefined. */
export function relativeInside(base: string, absolutePath: string): string | undefined {
  const relative = path.relative(base, absolutePath);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? undefined : relative;
}

/** A file to lint, read and recognised. */
export interface LintTarget<Recognized = unknown> {
  /** The path as the user wrote it, or as found under a directory or glob; `<stdin>` for standard input. */
  file: string;
  /** The absolute path; undefined for standard input. */
  absolutePath: string | undefined;
  text: string;
  /** What the recognizer made of the text; undefined when it holds no bucket policy (then it was named explicitly and gets a `notAPolicy` finding). */
  recognized: Recognized | undefined;
}

/**
 * Reads a text for bucket policies: what it found, or undefined when the text holds none.
 * `explicit` is true for files named on the command line and standard input; `absolutePath` is
 * undefined for standard input.
 */
export type PolicyRecognizer<Recognized> = (absolutePath: string | undefined, text: string, explicit: boolean) => Recognized | undefined;

/** The kinds of files a directory contributes: JSON policies, CloudFormation templates (YAML or JSON), Terraform files and templates. */
const CHECKED_EXTENSIONS = /\.(?:json|ya?ml|template|tf|tofu|tftpl|tpl)$/i;

/** What the command-line paths expand to: the targets in order and the I/O errors. */
export interface CollectedTargets<Recognized> {
  targets: LintTarget<Recognized>[];
  errors: string[];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * Strict UTF-8, keeping a byte order mark (the parser reports it). A file in another encoding is
 * refused rather than read with replacement characters, which `--fix` would then write back.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function notUtf8(what: string, convertFrom: string): Error {
  return new Error(`${what}; s3-policy-lint reads UTF-8 only, so it neither checks nor rewrites this file. Convert it first, for example: iconv -f ${convertFrom} -t UTF-8`);
}

/** A file's text, read as strict UTF-8; anything else throws an error that says what to do. */
export function readUtf8(file: string): string {
  const bytes = fs.readFileSync(file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw notUtf8('UTF-16 (it starts with a UTF-16 byte order mark)', 'UTF-16');
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    throw notUtf8('not valid UTF-8', 'LATIN1');
  }
}

/** The real path of a file (links resolved), so that a file reached twice is read once; the path itself when it cannot be resolved. */
function identityOf(absolutePath: string): string {
  try {
    return fs.realpathSync(absolutePath);
  } catch {
    return absolutePath;
  }
}

function describeError(given: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return `${given}: no such file or directory`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `${given}: permission denied`;
  }
  if (code === 'ENOTDIR') {
    return `${given}: not a directory`;
  }
  return `${given}: ${error instanceof Error ? error.message : String(error)}`;
}

/** True for a symbolic link to a file; links to directories are not followed, so a walk cannot loop. */
function isFileTarget(link: string): boolean {
  try {
    return fs.statSync(link).isFile();
  } catch {
    return false;
  }
}

/** Every file under `directory` (sorted, depth first), skipping node_modules and .git; unreadable directories become errors. Broken links are skipped. */
function walk(directory: string, found: string[], errors: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    errors.push(describeError(directory, error));
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) {
        walk(full, found, errors);
      }
    } else if (entry.isFile() || (entry.isSymbolicLink() && isFileTarget(full))) {
      found.push(full);
    }
  }
}

const toPosix = (file: string) => file.split(path.sep).join('/');

/** The files a glob argument matches, walking from the glob's literal base directory. */
function expandGlob(pattern: string, errors: string[]): string[] {
  const normalized = toPosix(pattern).replace(/^(\.\/)+/, '');
  const base = picomatch.scan(normalized).base || '.';
  const isMatch = picomatch(normalized);
  const found: string[] = [];
  if (fs.existsSync(base)) {
    walk(base, found, errors);
  }
  return found.filter((file) => isMatch(toPosix(file)));
}

/**
 * Expands the command-line paths into lint targets. Files named explicitly (and `-`, given as
 * `stdinText`) are always linted; directories contribute their `.json`, `.yaml`, `.yml`,
 * `.template` and Terraform (`.tf`, `.tofu`, `.tftpl`, `.tpl`) files and globs their matches, each only when `recognize` finds bucket policies in it
 * (a policy file or a template). With `onlyPolicies`, named files are treated as a directory's
 * files: linted only when recognised. A path that cannot be read becomes an error message and the
 * others are still returned. A file reached twice is linted once.
 */
export function collectTargets<Recognized>(paths: readonly string[], stdinText: string | undefined, recognize: PolicyRecognizer<Recognized>, onlyPolicies = false): CollectedTargets<Recognized> {
  const collected: CollectedTargets<Recognized> = { targets: [], errors: [] };
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean): void => {
    const absolutePath = path.resolve(file);
    const identity = identityOf(absolutePath);
    if (seen.has(identity)) {
      return;
    }
    seen.add(identity);
    try {
      const text = readUtf8(file);
      const recognized = recognize(absolutePath, text, explicit);
      if (recognized !== undefined || explicit) {
        collected.targets.push({ file, absolutePath, text, recognized });
      }
    } catch (error) {
      collected.errors.push(describeError(file, error));
    }
  };
  for (const given of paths) {
    if (given === '-') {
      if (!seen.has(STDIN_NAME)) {
        seen.add(STDIN_NAME);
        collected.targets.push({ file: STDIN_NAME, absolutePath: undefined, text: stdinText ?? '', recognized: recognize(undefined, stdinText ?? '', true) });
      }
      continue;
    }
    let stats: fs.Stats | undefined;
    try {
      stats = fs.statSync(given);
    } catch (error) {
      if (!picomatch.scan(toPosix(given)).isGlob) {
        collected.errors.push(describeError(given, error));
        continue;
      }
    }
    if (stats === undefined) {
      const matches = expandGlob(given, collected.errors);
      if (matches.length === 0) {
        collected.errors.push(`${given}: no files match this glob.`);
      } else {
        matches.forEach((file) => add(file, false));
      }
    } else if (stats.isDirectory()) {
      const found: string[] = [];
      walk(given, found, collected.errors);
      found.filter((file) => CHECKED_EXTENSIONS.test(file)).forEach((file) => add(file, false));
    } else if (stats.isFile() || stats.isFIFO()) {
      add(given, !onlyPolicies);
    } else {
      collected.errors.push(`${given}: not a file, a directory or a pipe; not checked.`);
    }
  }
  return collected;
}

/**
 * Replaces a file's content through a temporary file in the same directory, flushed to disk and
 * renamed over the original, so the file is never half-written; its permissions are kept and a
 * symbolic link keeps pointing at the file it names. It refuses, with an error saying why, a file
 * that is read-only, one with other hard links (replacing it would separate them), and, when
 * `readText` is given, one whose content is no longer `readText` (changed since it was read). On
 * failure the original is untouched and the temporary file removed.
 */
export function writeFileAtomically(file: string, text: string, readText?: string): void {
  const target = fs.realpathSync(file);
  const stats = fs.statSync(target);
  if ((stats.mode & 0o222) === 0) {
    throw new Error('it is read-only');
  }
  if (stats.nlink > 1) {
    throw new Error(`it has ${stats.nlink} hard links, and replacing it would separate them`);
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.s3-policy-lint-${process.pid}.tmp`);
  const descriptor = fs.openSync(temporary, 'wx', 0o600);
  try {
    try {
      fs.fchmodSync(descriptor, stats.mode & 0o7777);
      fs.writeFileSync(descriptor, text, 'utf8');
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    if (readText !== undefined && readUtf8(target) !== readText) {
      throw new Error('it changed on disk while s3-policy-lint was running; run it again');
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
