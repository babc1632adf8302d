/* S3 Bucket Policy — MIT License. */

/**
 * The files around a Terraform document, as the reading may see them. The service is pure and
 * synchronous, so it does not read files: whoever calls it (the CLI over the file system, the
 * language server over its open documents and the file system) hands it these two callbacks.
 * Paths are `/`-separated and in the form the caller gave the document's own path (absolute, or
 * relative to a base the callbacks know).
 */
export interface ModuleFiles {
  /** The names of the files (not directories) in a directory; an empty list when it cannot be listed. */
  list(directory: string): readonly string[];
  /** The text of a file; undefined when it is missing, unreadable or too large to read. */
  read(path: string): string | undefined;
}

/** A file of a module, read through `ModuleFiles`. */
export interface ModuleFile {
  path: string;
  text: string;
}

/** At most this many `.tf` files of a directory are read for one document. */
const MAX_MODULE_FILES = 64;

/** A path with `/` separators. */
export function slashed(path: string): string {
  return path.replace(/\\/g, '/');
}

/** The directory part of a path (`''` for a bare name). */
export function directoryOf(path: string): string {
  const slash = slashed(path).lastIndexOf('/');
  return slash < 0 ? '' : slashed(path).slice(0, slash);
}

/** `directory` joined with a relative path, `.` and `..` steps resolved; undefined when `..` would leave the start of a relative base. */
export function joinPath(directory: string, relative: string): string | undefined {
  const parts = directory === '' ? [] : slashed(directory).split('/');
  for (const part of slashed(relative).split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '' || parts[parts.length - 1] === '..') {
        return undefined;
      }
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/') || (slashed(directory).startsWith('/') ? '/' : '');
}

/** True for a file Terraform or OpenTofu reads as configuration. */
export function isConfigurationName(name: string): boolean {
  return /\.(tf|tofu)$/i.test(name);
}

/** The configuration files of a directory (sorted), the one at `except` left out. */
export function configurationFiles(files: ModuleFiles, directory: string, except?: string): ModuleFile[] {
  const result: ModuleFile[] = [];
  const skip = except === undefined ? undefined : slashed(except);
  for (const name of [...files.list(directory)].filter(isConfigurationName).sort()) {
    const path = directory === '' ? name : `${directory}/${name}`;
    if (path === skip || result.length >= MAX_MODULE_FILES) {
      continue;
    }
    const text = files.read(path);
    if (text !== undefined) {
      result.push({ path, text });
    }
  }
  return result;
}
