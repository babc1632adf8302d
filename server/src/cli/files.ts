/* S3 Bucket Policy — MIT License. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file to lint: its path as the user wrote it (or as found in a directory), its text, and whether it is a policy. */
export interface LintTarget {
  file: string;
  text: string;
  isPolicy: boolean;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

function walk(directory: string, found: string[]): void {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) {
      walk(full, found);
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
      found.push(full);
    }
  }
}

/**
 * Expands the command-line paths: files named explicitly are always linted (a non-policy one gets a
 * `notAPolicy` finding); directories contribute only the JSON files recognised as policies.
 * Unreadable paths become error messages; the others are still returned.
 */
export function collectTargets(paths: string[], isPolicy: (file: string, text: string) => boolean): { targets: LintTarget[]; errors: string[] } {
  const targets: LintTarget[] = [];
  const errors: string[] = [];
  for (const given of paths) {
    try {
      if (fs.statSync(given).isDirectory()) {
        const found: string[] = [];
        walk(given, found);
        for (const file of found) {
          const text = fs.readFileSync(file, 'utf8');
          if (isPolicy(path.resolve(file), text)) {
            targets.push({ file, text, isPolicy: true });
          }
        }
      } else {
        const text = fs.readFileSync(given, 'utf8');
        targets.push({ file: given, text, isPolicy: isPolicy(path.resolve(given), text) });
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      errors.push(code === 'ENOENT' ? `${given}: no such file or directory` : `${given}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { targets, errors };
}

/** Writes through a temporary file in the same directory and a rename, so a file is never half-written. */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const mode = fs.statSync(file).mode;
  try {
    fs.writeFileSync(temporary, text, { encoding: 'utf8', mode });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
